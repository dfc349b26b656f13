-- Batch workload: each request is POST /counters/_batch with OPS increments over N counters.
-- Used as: wrk ... -s batch.lua http://127.0.0.1:PORT -- OPS N PREFIX
-- Increments per second = requests per second * OPS (all items of an answered batch are applied;
-- a 200 batch whose items failed would show in the consistency check, not here).
local bodies = {}

function init(args)
   local ops = tonumber(args[1] or "1000")
   local n = tonumber(args[2] or "1000")
   local prefix = args[3] or "batch-"
   local addr = tostring({}):match("0x(%x+)") or "0"
   math.randomseed(os.time() + (tonumber(addr, 16) or 0) % 1000003)
   for b = 1, 16 do
      local items = {}
      for i = 1, ops do
         items[i] = '{"op":"increment","name":"' .. prefix .. math.random(n) .. '"}'
      end
      bodies[b] = '{"operations":[' .. table.concat(items, ",") .. ']}'
   end
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
   wrk.headers["Accept"] = "application/json"
end

function request()
   return wrk.format(nil, "/counters/_batch", nil, bodies[math.random(#bodies)])
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      "PEERRESULT requests=%d duration_us=%d p50_us=%d p99_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
      e.connect, e.read, e.write, e.status, e.timeout))
end
