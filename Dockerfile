# The Airflow image with newsmon's locked dependencies. Code (dags/, include/, plugins/) is mounted
# by docker-compose.yaml, so editing it needs no rebuild; changing requirements.txt does.
FROM apache/airflow:3.3.2-python3.11
COPY requirements.txt /requirements.txt
RUN pip install --no-cache-dir --require-hashes -r /requirements.txt
