#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only OR MIT
"""json-schema.py PREDICT SCHEMA MAKE_TREES [FIXTURES_DIR]

Validate "iommugroup-predict --format json" against its schema on the
hostile trees and on every captured fixture; check that the JSON says the
same as the text output; and check that the validator rejects broken
documents (so a schema that accepts anything fails this test).
"""
import copy
import json
import os
import subprocess
import sys
import tempfile

import jsonschema


def main():
    predict, schema_path, make_trees = sys.argv[1:4]
    fixtures = sys.argv[4] if len(sys.argv) > 4 else None
    schema = json.load(open(schema_path))
    jsonschema.Draft202012Validator.check_schema(schema)
    val = jsonschema.Draft202012Validator(schema)
    fails = 0
    tmp = tempfile.mkdtemp()
    subprocess.run([make_trees, tmp + "/t"], check=True)
    trees = [os.path.join(tmp, "t", n) for n in
             ("ok", "sriov", "vmd", "short-config", "rejected", "dead-config",
              "platform-first", "no-config")]
    if fixtures and os.path.isdir(fixtures):
        trees += sorted(os.path.join(fixtures, n) for n in os.listdir(fixtures)
                        if os.path.isdir(os.path.join(fixtures, n, "sys")))
    sample = None
    for t in trees:
        name = os.path.basename(t)
        r = subprocess.run([predict, "--root", t, "--format", "json", "--iommu=intel"],
                           capture_output=True, text=True)
        if r.returncode not in (0, 3):
            print(f"FAIL: {name}: exit {r.returncode}: {r.stderr}")
            fails += 1
            continue
        doc = json.loads(r.stdout)
        errs = list(val.iter_errors(doc))
        for e in errs[:5]:
            print(f"FAIL: {name}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
        fails += bool(errs)
        # same groups as the text output
        txt = subprocess.run([predict, "--root", t, "--iommu=intel"],
                             capture_output=True, text=True).stdout
        want = []
        for g in doc["groups"]:
            want.append(f"IOMMU Group {g['number']}:")
            want += ["\t" + m["lspci"] for m in g["members"]]
        if "\n".join(want) + ("\n" if want else "") != txt:
            print(f"FAIL: {name}: JSON groups differ from the text output")
            fails += 1
        # certainty agrees with the exit status
        if (doc["result"]["certainty"] == "uncertain") != (r.returncode == 3):
            print(f"FAIL: {name}: certainty {doc['result']['certainty']} but exit {r.returncode}")
            fails += 1
        if not errs:
            print(f"ok: {name}")
        if name == "sriov":
            sample = doc
    # the validator must reject what it should
    assert sample is not None
    broken = []
    d = copy.deepcopy(sample); del d["schema_version"]; broken.append(("no schema_version", d))
    d = copy.deepcopy(sample); d["groups"][0]["members"][0]["new_field"] = 1
    broken.append(("unversioned new field", d))
    d = copy.deepcopy(sample); d["groups"][0]["members"][0]["reason"]["join"] = "magic"
    broken.append(("unknown join", d))
    d = copy.deepcopy(sample); d["groups"][0]["members"][0]["address"] = "00:00.0"
    broken.append(("short address", d))
    for what, d in broken:
        if val.is_valid(d):
            print(f"FAIL: the schema accepts a document with {what}")
            fails += 1
        else:
            print(f"ok: rejects {what}")
    # data and words: a VF's reason and ACS are both present
    m = [m for g in sample["groups"] for m in g["members"] if m["address"] == "0000:00:06.1"]
    if not m or m[0]["physfn"] != "0000:00:03.0" or not m[0]["reason"]["text"]:
        print("FAIL: sriov: VF 0000:00:06.1 lacks physfn or reason text")
        fails += 1
    subprocess.run(["rm", "-rf", tmp])
    if fails:
        print(f"{fails} failure(s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
