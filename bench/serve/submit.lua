-- wrk script: POST /jobs, each request a new job under its own Idempotency-Key (thread number and counter), with the
-- tenant key in KEY. Writes the id of every job answered 201 Created to IDS.<thread> and prints how many, to compare
-- with the jobs stored.
local threads = {}
local n = 0
function setup(thread)
  n = n + 1
  thread:set("tid", n)
  table.insert(threads, thread)
end
function init(args)
  counter = 0
  created = 0
  key = os.getenv("KEY")
  out = io.open(os.getenv("IDS") .. "." .. tid, "w")
  out:setvbuf("line")
  body = '{"gpus":8,"work_gpu_hours":64,"deadline":"' .. os.getenv("DEADLINE") .. '","tier":"relaxed","sites":["site-a"]}'
end
function request()
  counter = counter + 1
  return wrk.format("POST", "/jobs", { ["Content-Type"] = "application/json", ["X-Api-Key"] = key, ["Idempotency-Key"] = "bench-" .. tid .. "-" .. counter }, body)
end
function response(status, headers, body)
  if status == 201 then
    created = created + 1
    out:write(string.match(body, '"id":"([^"]+)"'), "\n")
  end
end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("created") end
  io.write(string.format("created (201): %d\n", total))
end
