-- wrk script: GET /emissions/bylocations/best for 3 random zones of the 55 over a random day of 2021-2023.
local bases = { "AU-NSW", "AU-VIC", "BR-SP", "CA-ON", "CL-SIC", "DE-LU", "GB", "US-CAL-CISO", "US-MIDA-PJM", "US-NY-NYIS", "US-TEX-ERCO" }
local zones = {}
for _, b in ipairs(bases) do for k = 1, 5 do zones[#zones + 1] = b .. "-" .. k end end
math.randomseed(42)
request = function()
  local day = math.random(0, 1093)
  local from = os.date("!%Y-%m-%dT00:00:00Z", 1609459200 + day * 86400)
  local to = os.date("!%Y-%m-%dT00:00:00Z", 1609459200 + (day + 1) * 86400)
  local path = "/emissions/bylocations/best?location=" .. zones[math.random(#zones)] .. "&location=" .. zones[math.random(#zones)]
    .. "&location=" .. zones[math.random(#zones)] .. "&time=" .. from .. "&toTime=" .. to
  return wrk.format("GET", path)
end
