#!/usr/bin/env bash
# Workflow tests train with Debian's Python packages (XGBoost, scikit-learn, PyTorch): installed
# with apt when missing, as ensure-chromium.sh does for the browser tests.
set -euo pipefail
python="${ROUNDHOUSE_PYTHON:-/usr/bin/python3}"
if [ -x "$python" ] && "$python" -c "import numpy, xgboost, sklearn, torch" 2>/dev/null; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "The workflow tests need Python with XGBoost, scikit-learn and PyTorch: run 'sudo apt-get install -y python3-xgboost python3-sklearn python3-torch' (or set ROUNDHOUSE_PYTHON)." >&2
  exit 1
fi
echo "installing Debian's python3-xgboost, python3-sklearn and python3-torch for the workflow tests…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=900 python3-xgboost python3-sklearn python3-torch >/dev/null
