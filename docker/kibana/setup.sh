#!/usr/bin/env bash
# One-shot Kibana setup for ChannelWatch (docker compose service kibana-setup). Idempotent.
#   - a Kibana role channelwatch_viewer (read-only Kibana, read channelwatch-* indices) and its user
#   - imports SAVED_OBJECTS (dashboards/kibana/channelwatch.ndjson), overwriting objects of the same id
set -euo pipefail

KIBANA="${KIBANA_URL:-http://kibana:5601}"
ES="${ELASTICSEARCH_URL:-http://elasticsearch:9200}"
FILE="${SAVED_OBJECTS:-/channelwatch/channelwatch.ndjson}"
AUTH=(-u "elastic:${ELASTIC_PASSWORD}")
# Elasticsearch speaks HTTPS with the CA of the elasticsearch-certs service.
ES_CA=()
if [ -n "${ELASTICSEARCH_CA:-}" ]; then ES_CA=(--cacert "$ELASTICSEARCH_CA"); fi

until curl -fsS "${AUTH[@]}" "$KIBANA/api/status" 2>/dev/null | grep -q '"level":"available"'; do
  echo "kibana-setup: waiting for Kibana at $KIBANA"
  sleep 5
done

status=$(curl -sS -o /tmp/response -w '%{http_code}' "${AUTH[@]}" -X PUT "$KIBANA/api/security/role/channelwatch_viewer" \
  -H 'kbn-xsrf: true' -H 'Content-Type: application/json' -d '{
    "elasticsearch": {"cluster": [], "indices": [{"names": ["channelwatch-*"], "privileges": ["read", "view_index_metadata"]}]},
    "kibana": [{"base": ["read"], "feature": {}, "spaces": ["default"]}]
  }')
[ "$status" -lt 300 ] || { echo "kibana-setup: role failed with HTTP $status: $(cat /tmp/response)" >&2; exit 1; }

status=$(curl -sS -o /tmp/response -w '%{http_code}' "${AUTH[@]}" "${ES_CA[@]}" -X PUT "$ES/_security/user/channelwatch_viewer" \
  -H 'Content-Type: application/json' \
  -d "{\"password\":\"${CHANNELWATCH_VIEWER_PASSWORD}\",\"roles\":[\"channelwatch_viewer\"],\"full_name\":\"ChannelWatch viewer\"}")
[ "$status" -lt 300 ] || { echo "kibana-setup: user failed with HTTP $status: $(cat /tmp/response)" >&2; exit 1; }

status=$(curl -sS -o /tmp/response -w '%{http_code}' "${AUTH[@]}" -X POST "$KIBANA/api/saved_objects/_import?overwrite=true" \
  -H 'kbn-xsrf: true' --form "file=@${FILE}")
if [ "$status" -ge 300 ] || ! grep -q '"success":true' /tmp/response; then
  echo "kibana-setup: import of $FILE failed with HTTP $status: $(cat /tmp/response)" >&2
  exit 1
fi
echo "kibana-setup: imported $(grep -o '"successCount":[0-9]*' /tmp/response) saved objects; log in as channelwatch_viewer"
