-- wrk script of bench/intake_flood.sh: one sender floods POST /api/v1/applications from one address
-- (X-Forwarded-For, believed from the loopback proxy) with one identity; each thread counts the statuses it got.
local counter = 0
statuses = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

request = function()
  counter = counter + 1
  local body = '{"agency":"孟州市公共资源交易中心","applicant":{"kind":"np","name":"刷单者","id_type":"resident_id",' ..
    '"id_number":"11010519491231002X","phone":"13800000000"},"description":"压力测试第' .. counter ..
    '件","form":"electronic","delivery":"online"}'
  return wrk.format("POST", "/api/v1/applications",
    {["Content-Type"] = "application/json", ["X-Forwarded-For"] = "198.51.100.7"}, body)
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do
      total[code] = (total[code] or 0) + n
    end
  end
  io.write("flood statuses:")
  for code, n in pairs(total) do
    io.write(string.format(" %d×%d", code, n))
  end
  io.write(string.format("\nflood rate: %.0f requests/s over %.1f s\n",
    summary.requests / (summary.duration / 1e6), summary.duration / 1e6))
end
