-- wrk script for bench/run.py: each request comes from a different client address (as when an LMC
-- bulletin sends every practice at once), so the per-address rate limits behind the proxy apply to
-- each practice, not to the benchmark as a whole. Optional POST body and cookie for the letter.
-- bench/run.py sets the values below by prepending `params = {...}`.

local counter = 0
local threads_started = 0

function setup(thread)
   threads_started = threads_started + 1
   thread:set("thread_number", threads_started)
end

function init(args)
   -- thread_number is set by setup() in this thread's own Lua state
   thread_number = thread_number or 0
end

request = function()
   counter = counter + 1
   local headers = {}
   headers["Host"] = params.host
   headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", thread_number % 256,
      math.floor(counter / 256) % 256, counter % 256)
   if params.cookie then
      headers["Cookie"] = params.cookie
   end
   if params.body then
      headers["Content-Type"] = "application/x-www-form-urlencoded"
      return wrk.format("POST", params.path, headers, params.body)
   end
   return wrk.format("GET", params.path, headers, nil)
end
