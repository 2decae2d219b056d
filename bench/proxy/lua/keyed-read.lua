-- Reads keyed by the Cypher parameter `country`: WRK_GROUPS countries of WRK_GROUP_SIZE
-- nodes each, the nodes of country c having keys c*size .. c*size+size-1 (created together,
-- so a country's records share store pages, as a domain key's data does in practice).
-- A request picks a country, then one of its keys uniformly:
--   WRK_DISTRIBUTION=uniform   every country equally likely
--   WRK_DISTRIBUTION=zipf      rank r drawn with probability proportional to 1 / r^WRK_ZIPF_S,
--                              by binary search in a CDF built once per thread
-- Ranks are scattered over the countries by a multiplicative permutation, so that the hot
-- countries are not neighbours in the store. WRK_STATEMENT is the Cypher text (parameters
-- $country and $key); `top`/`total` count draws among the hottest 1% of ranks for
-- report.lua (uniform draws count a rank too).
local groups = tonumber(os.getenv("WRK_GROUPS"))
local size = tonumber(os.getenv("WRK_GROUP_SIZE"))
local distribution = os.getenv("WRK_DISTRIBUTION") or "uniform"
local s = tonumber(os.getenv("WRK_ZIPF_S") or "1.1")
local statement = os.getenv("WRK_STATEMENT")
local stride = 1000003 -- a prime; groups is never a multiple of it here
local hot = math.max(1, math.floor(groups / 100))
local cdf = {}
local headers = { ["Content-Type"] = "application/json" }
top, total = 0, 0

function init(args)
  math.randomseed(7919 * (thread_index or 1) + 17)
  if distribution == "zipf" then
    local sum = 0
    for rank = 1, groups do
      sum = sum + 1 / rank ^ s
      cdf[rank] = sum
    end
    for rank = 1, groups do cdf[rank] = cdf[rank] / sum end
  end
end

local function draw_rank()
  if distribution ~= "zipf" then return math.random(1, groups) end
  local u = math.random()
  local low, high = 1, groups
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cdf[middle] < u then low = middle + 1 else high = middle end
  end
  return low
end

function request()
  local rank = draw_rank()
  total = total + 1
  if rank <= hot then top = top + 1 end
  local country = math.fmod((rank - 1) * stride, groups)
  local key = country * size + math.random(0, size - 1)
  local body = string.format('{"statements":[{"statement":"%s","parameters":{"country":%d,"key":%d}}]}', statement, country, key)
  return wrk.format("POST", nil, headers, body)
end
