"""schemalib.py: the JSON Schemas of recourse/1 in data/schema, loaded once,
and a draft 2020-12 validator that resolves their $refs among themselves.
Shared by check-schemas.py and service-schemas.sh."""
import glob
import json
import os

import jsonschema


def load(path):
    with open(path, "rb") as f:
        return json.loads(f.read().decode("utf-8"))


def load_schemas(src):
    """The schemas of data/schema under src, by name ("decision", ...)."""
    schemas = {}
    for path in sorted(glob.glob(os.path.join(src, "data/schema/*.schema.json"))):
        schemas[os.path.basename(path)[:-len(".schema.json")]] = load(path)
    return schemas


def validator(schema, store):
    """A validator of schema; store maps each $id to its schema."""
    try:
        import referencing
        registry = referencing.Registry().with_resources(
            (uri, referencing.Resource.from_contents(s)) for uri, s in store.items())
        return jsonschema.Draft202012Validator(schema, registry=registry)
    except ImportError:
        resolver = jsonschema.RefResolver.from_schema(schema, store=store)
        return jsonschema.Draft202012Validator(schema, resolver=resolver)
