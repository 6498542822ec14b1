#!/usr/bin/env bash
# One-shot setup of Elasticsearch security for ChannelWatch (docker compose service elasticsearch-setup).
# Idempotent: every call sets the same state again.
#   kibana_system        password KIBANA_PASSWORD (Kibana's own connection)
#   channelwatch_writer  the job: installs index templates, writes and manages channelwatch-* indices
#   channelwatch_reader  the dashboard: reads channelwatch-* indices
# Passwords go into JSON as they are: keep them to letters, digits and - _ . (no quotes or backslashes).
set -euo pipefail

ES="${ELASTICSEARCH_URL:-https://elasticsearch:9200}"
# Elasticsearch speaks HTTPS with the CA of the elasticsearch-certs service.
ES_CA=()
if [ -n "${ELASTICSEARCH_CA:-}" ]; then ES_CA=(--cacert "$ELASTICSEARCH_CA"); fi

call() { # METHOD PATH BODY
  local status
  status=$(curl -sS -o /tmp/response -w '%{http_code}' -u "elastic:${ELASTIC_PASSWORD}" "${ES_CA[@]}" \
    -X "$1" "$ES$2" -H 'Content-Type: application/json' -d "$3")
  if [ "$status" -ge 300 ]; then
    echo "elasticsearch-setup: $1 $2 failed with HTTP $status: $(cat /tmp/response)" >&2
    exit 1
  fi
  echo "elasticsearch-setup: $1 $2 ok"
}

until curl -fsS -o /dev/null -u "elastic:${ELASTIC_PASSWORD}" "${ES_CA[@]}" "$ES/_cluster/health?wait_for_status=yellow&timeout=10s"; do
  echo "elasticsearch-setup: waiting for Elasticsearch at $ES"
  sleep 3
done

call POST /_security/user/kibana_system/_password "{\"password\":\"${KIBANA_PASSWORD}\"}"

call PUT /_security/role/channelwatch_writer '{
  "cluster": ["monitor", "manage_index_templates"],
  "indices": [{"names": ["channelwatch-*"], "privileges": ["create_index", "write", "read", "view_index_metadata", "manage"]}]
}'
call PUT /_security/role/channelwatch_reader '{
  "cluster": ["monitor"],
  "indices": [{"names": ["channelwatch-*"], "privileges": ["read", "view_index_metadata"]}]
}'
call PUT /_security/user/channelwatch_writer \
  "{\"password\":\"${CHANNELWATCH_WRITER_PASSWORD}\",\"roles\":[\"channelwatch_writer\"],\"full_name\":\"ChannelWatch job\"}"
call PUT /_security/user/channelwatch_reader \
  "{\"password\":\"${CHANNELWATCH_READER_PASSWORD}\",\"roles\":[\"channelwatch_reader\"],\"full_name\":\"ChannelWatch dashboard\"}"
