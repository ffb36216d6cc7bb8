-- wrk script of tests/serve/test-load.py: cycles through the paths in
-- $TNET_LOAD_PATHS (separated by '|'), counts the answers other than 200 and
-- prints one JSON line of figures.
local paths = {}
for p in string.gmatch(os.getenv("TNET_LOAD_PATHS"), "[^|]+") do paths[#paths + 1] = p end
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  answered, bad, i = 0, 0, id
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local answered_all, bad_all = 0, 0
  for _, t in ipairs(threads) do
    answered_all = answered_all + t:get("answered")
    bad_all = bad_all + t:get("bad")
  end
  local e = summary.errors
  io.write(string.format('{"requests": %d, "answered": %d, "non_200": %d, "seconds": %.3f, ' ..
    '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, ' ..
    '"status_errors": %d, "p50_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f}\n',
    summary.requests, answered_all, bad_all, summary.duration / 1e6, e.connect, e.read, e.write,
    e.timeout, e.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
