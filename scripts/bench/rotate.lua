-- wrk script: rotates over a list of requests, each with its own Host header.
--
--   [WRK_DELAY_MS=50] wrk -c N -d 10s -s rotate.lua http://127.0.0.1:8100 -- LIST
--
-- LIST has one "host<TAB>path" line per request (the mix is the list: repeat a line to
-- weigh it). Every thread starts at its own offset. WRK_DELAY_MS (optional) pauses each
-- connection between requests: a light, steady load instead of a closed loop.
-- done() prints one line "WRK_RESULT {json}" with requests/s, latency percentiles (ms),
-- status counts, socket errors and the X-Cache header counts.

local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("offset", counter * 7919)
   table.insert(threads, thread)
end

function init(args)
   local file = args[1]
   reqs = {}
   for line in io.lines(file) do
      local host, path = line:match("^([^\t]+)\t(.+)$")
      if host then
         table.insert(reqs, wrk.format("GET", path, {
            ["Host"] = host,
            ["User-Agent"] = "snt-bench/1 (wrk)",
            ["Accept"] = "text/html,application/json;q=0.9,*/*;q=0.8",
         }))
      end
   end
   if #reqs == 0 then
      error("no requests in " .. tostring(file))
   end
   index = (offset or 0) % #reqs
   statuses = {}
   hit, miss = 0, 0
end

function request()
   index = index % #reqs + 1
   return reqs[index]
end

local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")
if delay_ms > 0 then
   function delay()
      return delay_ms
   end
end

function response(status, headers, body)
   local key = tostring(status)
   statuses[key] = (statuses[key] or 0) + 1
   local cache = headers["X-Cache"] or headers["x-cache"]
   if cache then
      if cache:sub(1, 3) == "HIT" then
         hit = hit + 1
      else
         miss = miss + 1
      end
   end
end

function done(summary, latency, requests)
   local total_status, total_hit, total_miss = {}, 0, 0
   for _, thread in ipairs(threads) do
      for code, n in pairs(thread:get("statuses") or {}) do
         total_status[code] = (total_status[code] or 0) + n
      end
      total_hit = total_hit + (thread:get("hit") or 0)
      total_miss = total_miss + (thread:get("miss") or 0)
   end
   local codes = {}
   for code, n in pairs(total_status) do
      table.insert(codes, string.format('"%s":%d', code, n))
   end
   local e = summary.errors
   local seconds = summary.duration / 1e6
   io.write(string.format(
      'WRK_RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.2f,"p95_ms":%.2f,' ..
      '"p99_ms":%.2f,"max_ms":%.2f,"non_2xx_3xx":%d,"socket_errors":%d,"connect":%d,' ..
      '"read":%d,"write":%d,"timeout":%d,"status":{%s},"x_cache_hit":%d,"x_cache_miss":%d}\n',
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000,
      e.status, e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write,
      e.timeout, table.concat(codes, ","), total_hit, total_miss))
end
