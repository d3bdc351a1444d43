#!/usr/bin/env bash
# Prepares Intercom's published Postman collection (2.14) to run against parley, or any base
# URL: as published it does not run at all (docs/postman.md says why).
#
#   scripts/prepare-postman.sh BASE_URL TOKEN [COLLECTION] > parley-postman.json
#
# BASE_URL  e.g. http://127.0.0.1:8080 (no trailing slash needed)
# TOKEN     an access token (parley's first start prints one; `token create` makes more)
# COLLECTION the collection to prepare (default: src/test/resources/intercom/intercom-postman-2.14.json)
#
# The edits, all in a copy written to standard output (notes go to standard error):
#  1. every request's URL: the hard-coded https://api.intercom.io becomes {{baseUrl}};
#  2. every auth entry (the collection's and each request's): Postman's bearer helper reads
#     the key "token", the collection names it "bearerToken", so no Authorization header was
#     sent; now it is {"key":"token","value":"{{token}}"};
#  3. path parameters written {conversation_id} (sent literally: Postman's path variables are
#     :name) become collection variables {{conversation_id}}, one per name, set to
#     "set-<name>" (answers 404) instead of Intercom's placeholder ids such as 123, which could
#     name a real object: set them to real ids before running a request;
#  4. query parameters whose value is their own name (placeholders such as starting_after=
#     starting_after) are disabled;
#  5. the collection variables are baseUrl, token and the path variables of 3.
# Ids inside request bodies (admin_id, contact ids, ...) are Intercom's placeholders too: the
# script lists the requests that carry them; edit those bodies before sending them.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 BASE_URL TOKEN [COLLECTION] > prepared.json" >&2
  exit 2
fi
command -v jq >/dev/null || { echo "error: jq is required (https://jqlang.github.io/jq/)" >&2; exit 2; }

base_url="${1%/}"
token="$2"
collection="${3:-$(cd "$(dirname "$0")/.." && pwd)/src/test/resources/intercom/intercom-postman-2.14.json}"
[ -r "$collection" ] || { echo "error: cannot read $collection" >&2; exit 2; }

jq --arg baseUrl "$base_url" --arg token "$token" '
  def bearer: {type: "bearer", bearer: [{key: "token", value: "{{token}}", type: "string"}]};
  def placeholder: test("^\\{[^{}]+\\}$");
  def fix_url:
    .path |= map(if placeholder then "{{" + .[1:-1] + "}}" else . end)
    | .host = ["{{baseUrl}}"]
    | del(.protocol)
    | .query |= ((. // []) | map(if .key == .value then .disabled = true else . end))
    | .raw = "{{baseUrl}}/" + (.path | join("/"))
        + ([.query[] | select(.disabled != true) | .key + "=" + (.value // "")]
           | if length > 0 then "?" + join("&") else "" end)
    | del(.variable);
  def fix_items:
    map(if has("item") then .item |= fix_items
        else .request |= ((.url |= fix_url) | if has("auth") then .auth = bearer else . end)
        end);
  ([.. | objects | select(has("request")) | .request.url.path[]? | select(placeholder) | .[1:-1]]
     | unique) as $names
  | .auth = bearer
  | .item |= fix_items
  | .variable =
      [{key: "baseUrl", value: $baseUrl, type: "string"},
       {key: "token", value: $token, type: "string"}]
      + [$names[] | {key: ., value: ("set-" + .), type: "string",
                     description: "A path parameter: Intercom'"'"'s collection fills it with a placeholder id; set a real one."}]
' "$collection"

{
  echo "prepared for $base_url: $(jq '[.. | objects | select(has("request"))] | length' "$collection") requests; host, auth and path parameters rewritten."
  echo "set these collection variables to real ids before running the requests that use them:"
  jq -r '[.. | objects | select(has("request")) | .request.url.path[]? | select(test("^\\{[^{}]+\\}$")) | .[1:-1]] | unique | "  " + join(", ")' "$collection"
  echo "requests whose bodies carry Intercom's placeholder ids (edit them before sending):"
  jq -r '.item[] | .name as $folder | .item[]?
         | select((.request.body.raw // "") | test("\"[a-z_]*id\"\\s*:"))
         | "  " + $folder + " / " + .name' "$collection"
} >&2
