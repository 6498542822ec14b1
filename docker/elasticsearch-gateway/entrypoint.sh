#!/bin/sh
# Starts nginx as a credential-adding proxy in front of Elasticsearch: port 9200 sends the
# channelwatch_writer credentials, port 9201 those of channelwatch_reader. Used because the job's and
# the dashboard's --elasticsearch URL cannot carry credentials yet. A password left empty makes its
# port useless (Elasticsearch answers 401), which is how a pod gets only the user it needs.
set -eu
basic() { printf '%s:%s' "$1" "$2" | base64 | tr -d '\n'; }
export CHANNELWATCH_WRITER_AUTH="" CHANNELWATCH_READER_AUTH=""
if [ -n "${CHANNELWATCH_WRITER_PASSWORD:-}" ]; then
  CHANNELWATCH_WRITER_AUTH="$(basic "${CHANNELWATCH_WRITER_USER:-channelwatch_writer}" "$CHANNELWATCH_WRITER_PASSWORD")"
fi
if [ -n "${CHANNELWATCH_READER_PASSWORD:-}" ]; then
  CHANNELWATCH_READER_AUTH="$(basic "${CHANNELWATCH_READER_USER:-channelwatch_reader}" "$CHANNELWATCH_READER_PASSWORD")"
fi
export ELASTICSEARCH_UPSTREAM="${ELASTICSEARCH_UPSTREAM:-http://elasticsearch:9200}"
export CHANNELWATCH_GATEWAY_BIND="${CHANNELWATCH_GATEWAY_BIND:-127.0.0.1}"
# Only these variables are substituted into /etc/nginx/templates/*.template; nginx's own stay as they are.
export NGINX_ENVSUBST_FILTER='^(CHANNELWATCH_WRITER_AUTH|CHANNELWATCH_READER_AUTH|ELASTICSEARCH_UPSTREAM|CHANNELWATCH_GATEWAY_BIND)$'
exec /docker-entrypoint.sh nginx -g 'daemon off;'
