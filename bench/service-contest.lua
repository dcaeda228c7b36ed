-- service-contest.lua: wrk script for bench/service.bench.sh: POST the same
-- contest body under a new Idempotency-Key each time, so that every request
-- makes, stores (fsync'd) and signs a new contest.
local body_file = os.getenv("SVC_BENCH_BODY")
local code = os.getenv("SVC_BENCH_CODE")
local f = assert(io.open(body_file, "rb"))
local body = f:read("*a")
f:close()
local counter = 0
local prefix

function setup(thread)
	counter = counter + 1
	thread:set("tid", counter)
end

function init(args)
	prefix = string.format("bench-%08x-%04d-", math.random(0, 0x7fffffff), tid or 0)
end

function request()
	counter = counter + 1
	return wrk.format("POST", "/contests", {
		["Authorization"] = "Bearer " .. code,
		["Content-Type"] = "application/json",
		["Idempotency-Key"] = prefix .. string.format("%012d", counter),
	}, body)
end
