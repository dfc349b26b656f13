-- wrk script: increments spread over 10,000 counters at a paced rate. Each connection pauses
-- CONNS * 1000 / RATE ms before its next request, so all together send about RATE requests/s
-- (a little less: the pause does not count the response time; the achieved rate is printed).
-- Latency is wrk's, from sending a request to its answer. Env: RATE, CONNS (as wrk's -c).
local rate = math.max(1, tonumber(os.getenv("RATE") or "1000"))
local conns = tonumber(os.getenv("CONNS") or "32")
local pause = conns * 1000 / rate

init = function(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

request = function()
  return wrk.format("POST", "/counters/paced-" .. math.random(0, 9999) .. "/increment")
end

-- wrk takes whole milliseconds: round up or down at random so the mean pause is the exact one
local whole = math.floor(pause)
local fraction = pause - whole
delay = function()
  if math.random() < fraction then
    return whole + 1
  end
  return whole
end

done = function(summary, latency, requests)
  io.write(string.format("PACED requests=%d seconds=%.1f p50=%.2f p90=%.2f p99=%.2f p999=%.2f max=%.2f errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000,
    summary.errors.status + summary.errors.timeout + summary.errors.connect))
end
