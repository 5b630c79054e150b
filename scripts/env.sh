# Sourced by the scripts: a project-local Airflow home with the embedded SQLite DB, and newsmon on
# the import path. Values already set in the environment win.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export AIRFLOW_HOME=${AIRFLOW_HOME:-$root/.airflow}
export AIRFLOW__CORE__DAGS_FOLDER=${AIRFLOW__CORE__DAGS_FOLDER:-$root/dags}
export AIRFLOW__CORE__PLUGINS_FOLDER=${AIRFLOW__CORE__PLUGINS_FOLDER:-$root/plugins}
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export PYTHONPATH=$root/include${PYTHONPATH:+:$PYTHONPATH}
export PATH=$root/.venv/bin:$PATH
