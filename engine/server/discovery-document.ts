/**
 * Neo4j's discovery document, answered at GET /: both key families, so that 4.x/5.x
 * clients (bolt_routing, transaction, ...) and 3.x clients (management, data, bolt)
 * find what they look for.
 *
 *   4.x+ { "bolt_routing": "neo4j://h:7687", "transaction": "http://h:7474/db/{databaseName}/tx",
 *          "bolt_direct": "bolt://h:7687", "neo4j_version": "4.4.0", "neo4j_edition": "enterprise" }
 *   3.x  { "management": "http://h:7474/db/manage/", "data": "http://h:7474/db/data/", "bolt": "bolt://h:7687" }
 *
 * Like Neo4j, the URLs use the host the client asked for (X-Forwarded-Host or Host), so
 * that they work through port forwarding and proxies; Bolt keeps its own port.
 */
import type { RequestOrigin } from '../http/base-url.js';
import { formatSocketAddress, type SocketAddress } from '../../protocol/config/socket-address.js';

/**
 * The Neo4j version whose HTTP API graphlb answers like. Clients read it to choose an
 * API (py2neo switches to /db/{name}/tx from 4.0 on); graphlb's own version is in the
 * graphlb_engine_info metric.
 */
export const neo4jCompatibleVersion = '4.4.0';

// Enterprise: the HA endpoints and clustering that graphlb serves are Enterprise features.
const neo4jEdition = 'enterprise';

export type DiscoveryDocument = Readonly<Record<string, string>>;

/**
 * @param origin where the client reached this instance (engine/http/base-url.ts)
 * @param bolt dbms.connector.bolt.listen_address: its port goes with the client's host
 */
export function discoveryDocument(origin: RequestOrigin, bolt: SocketAddress): DiscoveryDocument {
  const base = `${origin.scheme}://${origin.authority}`;
  const boltHost = formatSocketAddress({ host: origin.host, port: bolt.port });
  return {
    bolt_routing: `neo4j://${boltHost}`,
    transaction: `${base}/db/{databaseName}/tx`,
    bolt_direct: `bolt://${boltHost}`,
    neo4j_version: neo4jCompatibleVersion,
    neo4j_edition: neo4jEdition,
    management: `${base}/db/manage/`,
    data: `${base}/db/data/`,
    bolt: `bolt://${boltHost}`,
  };
}
