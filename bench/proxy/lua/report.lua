-- Appended to every bench/proxy script: one machine-readable line with exact
-- microseconds (wrk's own report rounds them), read by bench/proxy/wrk-result.ts.
-- A script that counts hot keys sets the globals `top` and `total` in each thread.
local threads = {}

function setup(thread)
  thread:set("thread_index", #threads + 1)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local top, total = 0, 0
  for _, thread in ipairs(threads) do
    top = top + (thread:get("top") or 0)
    total = total + (thread:get("total") or 0)
  end
  local share = ""
  if total > 0 then share = string.format(',"topShare":%.6f', top / total) end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"durationUs":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d%s}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency.max, share))
end
