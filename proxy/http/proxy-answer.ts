/**
 * Answers the proxy makes itself. They have the shape of the engine's and Neo4j's own
 * error answers (`{"results":[],"errors":[{code,message}]}`), so a driver reads them as
 * it reads any other failure, by `code`.
 */
import type { ServerResponse } from 'node:http';
import type { StatusCode } from '../../protocol/errors.js';
import { errorsOnlyBody } from '../../protocol/http/transaction-response.js';

/** Answers `status` with one error; a response already under way is cut off instead. */
export function answerError(res: ServerResponse, status: number, code: StatusCode, message: string, close = false): number {
  if (res.headersSent) {
    res.destroy();
    return 0;
  }
  const body = errorsOnlyBody([{ code, message }]);
  const length = Buffer.byteLength(body);
  res.writeHead(status, close ? { 'Content-Type': 'application/json', 'Content-Length': length, Connection: 'close' } : { 'Content-Type': 'application/json', 'Content-Length': length });
  res.end(body);
  return length;
}
