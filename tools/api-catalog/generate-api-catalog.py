#!/usr/bin/env python3
"""Generates api-catalog.json.gz: CloudTrail eventSource -> API operation names, from botocore.

Run it from anywhere with the botocore whose models you want installed:

    python3 tools/api-catalog/generate-api-catalog.py [--check DATASETS_DIR ...]

It reads only botocore's service models (data/<service>/<version>/service-2.json[.gz], Apache-2.0),
writes the catalog beside this script, byte-for-byte reproducible for one botocore version, and
prints what it did. With --check it also reports every eventSource/eventName pair of the CloudTrail
records under the given folders that neither the catalog nor api-catalog-supplement.txt knows.

CloudTrail-only events and names the models cannot give (sign-in events, AWS service events,
legacy S3 names) belong in api-catalog-supplement.txt, which the engine merges at load time.
"""

import argparse
import gzip
import io
import json
import os
import re
import sys

import botocore

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = os.path.join(HERE, "..", "..", "engine", "DetectionKit.Tooling", "Catalog")
OUTPUT = os.path.normpath(os.path.join(CATALOG, "api-catalog.json.gz"))
SUPPLEMENT = os.path.normpath(os.path.join(CATALOG, "api-catalog-supplement.txt"))

# By default a service's eventSource is "<signingName>.amazonaws.com" (falling back to the
# endpointPrefix): the signing name is what CloudTrail keys events on where the two differ
# (bedrock-runtime signs as "bedrock", ses as "ses" on endpoint "email", s3control as "s3",
# ecr on endpoint "api.ecr" as "ecr"). These are the services where that rule is wrong.
EVENT_SOURCE_OVERRIDES = {
    # The IAM Identity Center portal API signs as "awsssoportal"; CloudTrail logs it as sso.
    "sso": ["sso.amazonaws.com"],
    # Pinpoint signs as "mobiletargeting"; records have been seen under both names.
    "pinpoint": ["pinpoint.amazonaws.com", "mobiletargeting.amazonaws.com"],
}

# Lambda records its management events under versioned names: the operation followed by the
# API version of its URI path, sometimes with a "v2" suffix (UpdateFunctionCode20150331v2,
# CreateFunction20150331, PublishLayerVersion20181031). Which operations carry "v2" is not in the
# model, so both forms are listed. The unversioned names are not: a rule using one would never fire.
VERSIONED_NAME_SERVICES = {"lambda"}
URI_VERSION = re.compile(r"^/(\d{4})-(\d{2})-(\d{2})/")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", nargs="*", default=[], metavar="DIR", help="CloudTrail captures whose pairs must all be known")
    args = parser.parse_args()

    data = os.path.join(os.path.dirname(botocore.__file__), "data")
    catalog = {}
    services = 0
    for service in sorted(os.listdir(data)):
        model = load_latest_model(os.path.join(data, service))
        if model is None:
            continue
        services += 1
        for source in event_sources(service, model["metadata"]):
            catalog.setdefault(source, set()).update(event_names(service, model["operations"]))

    document = {
        "generator": "tools/api-catalog/generate-api-catalog.py",
        "botocore": botocore.__version__,
        "eventSources": {source: sorted(names) for source, names in sorted(catalog.items())},
    }
    write_gzip_json(OUTPUT, document)
    operations = sum(len(names) for names in catalog.values())
    print(f"botocore {botocore.__version__}: {services} service models, {len(catalog)} eventSources, {operations} names -> {os.path.relpath(OUTPUT)}")

    supplement = read_supplement(SUPPLEMENT)
    redundant = sorted(f"{s} {n}" for s, names in supplement.items() for n in names if n in catalog.get(s, ()))
    if redundant:
        print(f"supplement entries botocore now covers (remove them): {', '.join(redundant)}")

    missing = check(args.check, catalog, supplement)
    if missing:
        print("pairs in the captures that the catalog does not know:")
        for source, name in missing:
            print(f"  {source} {name}")
        return 1
    return 0


def load_latest_model(service_dir):
    if not os.path.isdir(service_dir):
        return None
    for version in sorted(os.listdir(service_dir), reverse=True):
        path = os.path.join(service_dir, version, "service-2.json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                return json.load(f)
        if os.path.exists(path + ".gz"):
            with gzip.open(path + ".gz", "rt", encoding="utf-8") as f:
                return json.load(f)
    return None


def event_sources(service, metadata):
    if service in EVENT_SOURCE_OVERRIDES:
        return EVENT_SOURCE_OVERRIDES[service]
    name = (metadata.get("signingName") or metadata["endpointPrefix"]).lower()
    return [f"{name}.amazonaws.com"]


def event_names(service, operations):
    names = set()
    for key, operation in operations.items():
        if service in VERSIONED_NAME_SERVICES:
            version = URI_VERSION.match(operation.get("http", {}).get("requestUri", ""))
            if version:
                stamp = "".join(version.groups())
                names.update({key + stamp, key + stamp + "v2"})
                continue
        names.add(key)
        # CloudFront's model names operations with their API version (CreateDistribution2020_05_31),
        # as older CloudTrail records do; newer records use the plain name. Keep both.
        names.add(operation.get("name", key))
    return names


def read_supplement(path):
    supplement = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.split("#", 1)[0].split()
            if len(fields) >= 2:
                supplement.setdefault(fields[0], set()).update(fields[1:])
    return supplement


def check(folders, catalog, supplement):
    missing = set()
    for folder in folders:
        for record in records_under(folder):
            source, name = record.get("eventSource"), record.get("eventName")
            if source is None or name is None:
                continue
            if name not in catalog.get(source, ()) and name not in supplement.get(source, ()):
                missing.add((source, name))
    return sorted(missing)


def records_under(folder):
    for root, _, files in os.walk(folder):
        for file in sorted(files):
            if not file.endswith((".json", ".jsonl", ".ndjson")):
                continue
            with open(os.path.join(root, file), encoding="utf-8") as f:
                text = f.read()
            try:
                values = [json.loads(text)]
            except json.JSONDecodeError:
                values = [json.loads(line) for line in text.splitlines() if line.strip()]
            for value in values:
                if isinstance(value, dict) and isinstance(value.get("Records"), list):
                    value = value["Records"]
                yield from (v for v in (value if isinstance(value, list) else [value]) if isinstance(v, dict))


def write_gzip_json(path, document):
    # Compact JSON, and a gzip header without name or time, so one botocore version always gives the same bytes.
    text = json.dumps(document, separators=(",", ":"), sort_keys=False).encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as f:
        f.write(text)
    with open(path, "wb") as f:
        f.write(buffer.getvalue())


if __name__ == "__main__":
    sys.exit(main())
