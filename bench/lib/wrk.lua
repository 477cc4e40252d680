-- wrk script for the benchmarks: optional per-request header sets (one line per set in the file
-- named by WRK_HEADERS_FILE, "Name: value" pairs separated by tabs, used round-robin, merged over
-- the -H headers), and a JSON summary line at the end.
local sets = {}
local index = 0
local path = os.getenv("WRK_HEADERS_FILE")
if path and path ~= "" then
  for line in io.lines(path) do
    local headers = {}
    for pair in string.gmatch(line, "[^\t]+") do
      local name, value = string.match(pair, "^([^:]+):%s*(.*)$")
      if name then headers[name] = value end
    end
    table.insert(sets, headers)
  end
end

if #sets > 0 then
  local merged = nil
  function request()
    if merged == nil then
      merged = {}
      for i, set in ipairs(sets) do
        local headers = {}
        for k, v in pairs(wrk.headers) do headers[k] = v end
        for k, v in pairs(set) do headers[k] = v end
        merged[i] = wrk.format(nil, nil, headers)
      end
    end
    index = index % #merged + 1
    return merged[index]
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"durationUs":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"latencyUs":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%f}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50.0), latency:percentile(90.0), latency:percentile(99.0), latency.max, latency.mean))
end
