#!/usr/bin/env bash
# Builds the Microsoft Teams app package (zip with manifest.json, color.png, outline.png, en-us.json at its root).
#
#   manifest/build-package.sh --app-id <bot app id GUID> --domain <bot host name> [--version 1.0.0] [--out file.zip]
#
# --app-id defaults to $BotFramework__MicrosoftAppId, --domain to $Teams__BotDomain, --version to $Teams__AppVersion
# or 1.0.0, --out to artifacts/teams/chatbot-teams-<version>.zip under the repository root.
# Raise --version every time you upload a changed package to Teams.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

app_id="${BotFramework__MicrosoftAppId:-}"
domain="${Teams__BotDomain:-}"
version="${Teams__AppVersion:-1.0.0}"
out=""

usage() { sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --app-id)  app_id="${2:?--app-id needs a value}"; shift 2 ;;
    --app-id=*) app_id="${1#*=}"; shift ;;
    --domain)  domain="${2:?--domain needs a value}"; shift 2 ;;
    --domain=*) domain="${1#*=}"; shift ;;
    --version) version="${2:?--version needs a value}"; shift 2 ;;
    --version=*) version="${1#*=}"; shift ;;
    --out)     out="${2:?--out needs a value}"; shift 2 ;;
    --out=*)   out="${1#*=}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build-package.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

if [[ -z "$app_id" ]]; then
  echo "build-package.sh: the bot's Microsoft App ID is missing: pass --app-id or set BotFramework__MicrosoftAppId" >&2; exit 2
fi
if [[ -z "$domain" ]]; then
  echo "build-package.sh: the bot's host name is missing: pass --domain or set Teams__BotDomain" >&2; exit 2
fi
out="${out:-$root/artifacts/teams/chatbot-teams-$version.zip}"

exec dotnet run --project "$root/bot" --no-launch-profile -- teams-package \
  --manifest-dir "$here" --app-id "$app_id" --domain "$domain" --version "$version" --out "$out"
