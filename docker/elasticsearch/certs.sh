#!/usr/bin/env bash
# One-shot (docker compose service elasticsearch-certs): a CA of this deployment and a certificate for
# the elasticsearch service signed by it, in the elasticsearch-certs volume, unless they exist already.
# Everything that talks to Elasticsearch trusts ca/ca.crt: the job and the dashboard
# (--elasticsearch-ca-file), Kibana and the setup services. The CA key is deleted once the certificate
# is signed; to renew, delete the volume (docker compose down, docker volume rm ..._elasticsearch-certs).
set -euo pipefail

CERTS=/usr/share/elasticsearch/config/certs
if [ -f "$CERTS/elasticsearch/elasticsearch.crt" ]; then
  echo "elasticsearch-certs: certificates exist"
  exit 0
fi
cd /usr/share/elasticsearch
bin/elasticsearch-certutil ca --silent --pem --out "$CERTS/ca.zip"
unzip -o -q "$CERTS/ca.zip" -d "$CERTS"
cat > "$CERTS/instances.yml" <<'YML'
instances:
  - name: elasticsearch
    dns: [elasticsearch, localhost]
    ip: [127.0.0.1]
YML
bin/elasticsearch-certutil cert --silent --pem --in "$CERTS/instances.yml" --out "$CERTS/certs.zip" \
  --ca-cert "$CERTS/ca/ca.crt" --ca-key "$CERTS/ca/ca.key"
unzip -o -q "$CERTS/certs.zip" -d "$CERTS"
rm -f "$CERTS/ca.zip" "$CERTS/certs.zip" "$CERTS/instances.yml" "$CERTS/ca/ca.key"
# Certificates readable by every container (they run as different users); the node's key only by
# the elasticsearch user (uid 1000).
chown -R 1000:0 "$CERTS"
find "$CERTS" -type d -exec chmod 755 {} +
find "$CERTS" -name '*.crt' -exec chmod 644 {} +
find "$CERTS" -name '*.key' -exec chmod 600 {} +
echo "elasticsearch-certs: made a CA and a certificate for elasticsearch"
