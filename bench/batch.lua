-- Batch workload: each request is POST /counters/_batch with OPS increments.
-- Used as: wrk ... -s batch.lua http://127.0.0.1:PORT -- OPS N PREFIX [SHAPE] [PREFER]
--   SHAPE distinct (default): every batch increments counters PREFIX1..PREFIXN, each once, in a shuffled
--         order, with OPS = N (1,000 ops over 1,000 distinct counters); when OPS differs from N the
--         names are drawn at random from the N counters instead
--   SHAPE hot: OPS increments drawn at random from N counters (1,000 ops over 10 counters: page views)
--   PREFER minimal: sends "Prefer: return=minimal" (per op only status, value and version)
-- Increments per second = requests per second * OPS (all items of an answered batch are applied;
-- a 200 batch whose items failed would show in the consistency check, not here).
local bodies = {}

function init(args)
   local ops = tonumber(args[1] or "1000")
   local n = tonumber(args[2] or "1000")
   local prefix = args[3] or "batch-"
   local shape = args[4] or "distinct"
   local prefer = args[5] or "full"
   local addr = tostring({}):match("0x(%x+)") or "0"
   math.randomseed(os.time() + (tonumber(addr, 16) or 0) % 1000003)
   for b = 1, 16 do
      local names = {}
      if shape == "distinct" and ops == n then
         for i = 1, n do names[i] = i end
         for i = n, 2, -1 do
            local j = math.random(i)
            names[i], names[j] = names[j], names[i]
         end
      else
         for i = 1, ops do names[i] = math.random(n) end
      end
      local items = {}
      for i = 1, ops do
         items[i] = '{"op":"increment","name":"' .. prefix .. names[i] .. '"}'
      end
      bodies[b] = '{"operations":[' .. table.concat(items, ",") .. ']}'
   end
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
   wrk.headers["Accept"] = "application/json"
   if prefer == "minimal" then
      wrk.headers["Prefer"] = "return=minimal"
   end
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
