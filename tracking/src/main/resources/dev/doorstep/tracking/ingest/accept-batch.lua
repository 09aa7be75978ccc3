-- Stores one batch of one driver's pings in one step: dedups by ts, inserts in time order, flags a ping that
-- implies an impossible speed from the previous accepted one, moves the latest position only forward, trims
-- the trail and publishes the new latest position. Every key is on the driver's slot ({drv:<id>}).
-- KEYS: trail, latest
-- ARGV: channel, message prefix, max speed m/s, trail cutoff ms, trail max size, ttl ms, count,
--       then per ping: index, ts ms, lat, lon, stored form
local trail, latest = KEYS[1], KEYS[2]
local channel, prefix = ARGV[1], ARGV[2]
local maxSpeed, cutoff, maxSize, ttl = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local n = tonumber(ARGV[7])

local pings = {}
for i = 0, n - 1 do
  local b = 8 + i * 5
  pings[#pings + 1] = {index = ARGV[b], ts = tonumber(ARGV[b + 1]), lat = tonumber(ARGV[b + 2]),
                       lon = tonumber(ARGV[b + 3]), body = ARGV[b + 4]}
end
table.sort(pings, function(a, b) return a.ts < b.ts end)

local function metres(lat1, lon1, lat2, lon2)
  local r = math.pi / 180
  local dlat, dlon = (lat2 - lat1) * r, (lon2 - lon1) * r
  local h = math.sin(dlat / 2) ^ 2 + math.cos(lat1 * r) * math.cos(lat2 * r) * math.sin(dlon / 2) ^ 2
  return 12742000 * math.asin(math.min(1, math.sqrt(h)))
end

-- The newest unflagged ping before ts (a few flagged ones in a row are skipped).
local function previous(ts)
  local rows = redis.call('ZREVRANGEBYSCORE', trail, '(' .. ts, '-inf', 'LIMIT', 0, 16)
  for _, m in ipairs(rows) do
    if string.sub(m, -2) == '|0' then
      local pts, plat, plon = string.match(m, '^([^|]+)|([^|]+)|([^|]+)|')
      return tonumber(pts), tonumber(plat), tonumber(plon)
    end
  end
  return nil
end

local accepted, duplicates, flagged = 0, 0, {}
local newest, newestTs = nil, -1
for _, p in ipairs(pings) do
  if redis.call('ZCOUNT', trail, p.ts, p.ts) > 0 then
    duplicates = duplicates + 1
  else
    local flag = '0'
    local pts, plat, plon = previous(p.ts)
    if pts and metres(plat, plon, p.lat, p.lon) / ((p.ts - pts) / 1000) > maxSpeed then
      flag = '1'
      flagged[#flagged + 1] = p.index
    end
    redis.call('ZADD', trail, p.ts, p.body .. '|' .. flag)
    accepted = accepted + 1
    if flag == '0' and p.ts > newestTs then
      newest, newestTs = p.body, p.ts
    end
  end
end

local moved = '0'
if newest then
  local current = redis.call('GET', latest)
  local currentTs = current and tonumber(string.match(current, '^([^|]+)')) or -1
  if newestTs > currentTs then
    redis.call('SET', latest, newest, 'PX', ttl)
    redis.call('PUBLISH', channel, prefix .. newest)
    moved = '1'
  end
end
if accepted > 0 then
  redis.call('ZREMRANGEBYSCORE', trail, '-inf', '(' .. cutoff)
  redis.call('ZREMRANGEBYRANK', trail, 0, -(maxSize + 1))
  redis.call('PEXPIRE', trail, ttl)
end
-- accepted;duplicates;flagged indexes (comma separated);moved;stored form of the new latest position
return accepted .. ';' .. duplicates .. ';' .. table.concat(flagged, ',') .. ';' .. moved .. ';' .. (newest or '')
