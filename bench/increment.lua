-- wrk script: POST /counters/bench.<0..63>/increment with the key in COUNTER_KEY.
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("COUNTER_KEY")
local n = 0
request = function()
  n = (n + 1) % 64
  return wrk.format(nil, "/counters/bench." .. n .. "/increment")
end
