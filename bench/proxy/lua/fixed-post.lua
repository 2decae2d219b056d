-- The same POST every time; the body and headers come from the environment so that
-- one script serves every scenario. WRK_BODY: the JSON body; WRK_HEADERS: extra
-- headers as "Name: value" lines separated by "|".
wrk.method = "POST"
wrk.body = os.getenv("WRK_BODY")
wrk.headers["Content-Type"] = "application/json"
for header in string.gmatch(os.getenv("WRK_HEADERS") or "", "[^|]+") do
  local name, value = string.match(header, "^%s*(.-)%s*:%s*(.-)%s*$")
  if name then wrk.headers[name] = value end
end
