"""Scenarios that drive Drydock with Debian's python3-kubernetes, as a user's script would.

Run as `python3 scenarios.py NAME NAMESPACE`, with KUBECONFIG set; prints one JSON object (what the
scenario saw) on its last line for the Jest spec to check. The client itself is unmodified.
"""
import json
import sys
import time

from kubernetes import client, config, dynamic, utils, watch
from kubernetes.client.rest import ApiException
from kubernetes.stream import portforward, stream

config.load_kube_config()
core = client.CoreV1Api()


def configmap(name, data):
    return client.V1ConfigMap(metadata=client.V1ObjectMeta(name=name, labels={"app": "py"}), data=data)


def crud(ns):
    seen = {}
    core.create_namespaced_config_map(ns, configmap("c1", {"a": "1"}))
    seen["listed"] = [c.metadata.name for c in core.list_namespaced_config_map(ns, label_selector="app=py").items]
    seen["strategic"] = core.patch_namespaced_config_map("c1", ns, {"data": {"b": "2"}}).data
    seen["json"] = core.patch_namespaced_config_map("c1", ns, [{"op": "replace", "path": "/data/a", "value": "one"}]).data
    api = dynamic.DynamicClient(client.ApiClient())
    configmaps = api.resources.get(api_version="v1", kind="ConfigMap")
    merged = configmaps.patch(name="c1", namespace=ns, body={"data": {"b": None, "c": "3"}}, content_type="application/merge-patch+json")
    seen["merge"] = dict(merged.data)
    applied = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c2", "namespace": ns}, "data": {"x": "y"}}
    result = configmaps.server_side_apply(body=json.dumps(applied), name="c2", namespace=ns, field_manager="py-apply")
    seen["apply"] = {"data": dict(result.data), "managers": [m.manager for m in result.metadata.managedFields]}
    core.delete_namespaced_config_map("c1", ns)
    try:
        core.read_namespaced_config_map("c1", ns)
    except ApiException as error:
        seen["afterDelete"] = {"status": error.status, "reason": error.reason, "body": error.body}
    try:
        core.create_namespaced_config_map(ns, configmap("c2", {}))
    except ApiException as error:
        seen["conflict"] = {"status": error.status, "body": json.loads(error.body)}
    return seen


def watch_events(ns):
    listed = core.list_namespaced_config_map(ns)
    w = watch.Watch()
    events = []
    core.create_namespaced_config_map(ns, configmap("w1", {"k": "v"}))
    core.patch_namespaced_config_map("w1", ns, {"data": {"k": "v2"}})
    core.delete_namespaced_config_map("w1", ns)
    for event in w.stream(core.list_namespaced_config_map, ns, resource_version=listed.metadata.resource_version, timeout_seconds=30):
        obj = event["object"]
        events.append([event["type"], obj.metadata.name, (obj.data or {}).get("k")])
        if event["type"] == "DELETED":
            w.stop()
    return {"events": events}


def watch_bookmarks(ns):
    # A WatchList (sendInitialEvents) with bookmarks, the booleans spelled as the Python client spells them.
    query = [("watch", True), ("allowWatchBookmarks", True), ("sendInitialEvents", True),
             ("resourceVersionMatch", "NotOlderThan"), ("timeoutSeconds", 30)]
    resp = core.api_client.call_api("/api/v1/namespaces/{namespace}/configmaps", "GET", {"namespace": ns}, query,
                                    {"Accept": "application/json"}, auth_settings=["BearerToken"],
                                    _preload_content=False, _return_http_data_only=True)
    types = []
    for line in watch.watch.iter_resp_lines(resp):
        event = json.loads(line)
        types.append([event["type"], event["object"]["metadata"].get("annotations", {}).get("k8s.io/initial-events-end")])
        if event["type"] == "BOOKMARK":
            break
    resp.close()
    return {"types": types}


def watch_expired(ns, old_version):
    # A resourceVersion older than the watch cache: Watch.stream resumes once, then raises 410.
    try:
        for _ in watch.Watch().stream(core.list_namespaced_config_map, ns, resource_version=old_version):
            pass
    except ApiException as error:
        return {"status": error.status, "reason": error.reason}
    return {"status": None}


def exec_output(ns, pod):
    out = stream(core.connect_get_namespaced_pod_exec, pod, ns, command=["sh", "-c", "echo out; echo err >&2"],
                 stderr=True, stdin=False, stdout=True, tty=False)
    resp = stream(core.connect_get_namespaced_pod_exec, pod, ns, command=["sh", "-c", "echo partial; exit 3"],
                  stderr=True, stdin=False, stdout=True, tty=False, _preload_content=False)
    resp.run_forever(timeout=60)
    failed = {"stdout": resp.read_stdout(), "returncode": resp.returncode}
    shell = stream(core.connect_get_namespaced_pod_exec, pod, ns, command=["/bin/sh"],
                   stderr=True, stdin=True, stdout=True, tty=False, _preload_content=False)
    shell.write_stdin("cd /etc; pwd\n")
    line = shell.readline_stdout(timeout=60)
    shell.write_stdin("exit 4\n")
    shell.run_forever(timeout=60)
    return {"combined": out, "failed": failed, "shell": {"line": line, "returncode": shell.returncode}}


def logs(ns, pod):
    text = core.read_namespaced_pod_log(pod, ns)
    tail = core.read_namespaced_pod_log(pod, ns, tail_lines=1, timestamps=True)
    followed = []
    w = watch.Watch()
    for line in w.stream(core.read_namespaced_pod_log, pod, ns, follow=True):
        followed.append(line)
        if len(followed) == 2:
            w.stop()
    return {"text": text, "tail": tail, "followed": followed}


def attach(ns, pod):
    resp = stream(core.connect_get_namespaced_pod_attach, pod, ns, stdin=True, stdout=True, stderr=True, tty=False,
                  _preload_content=False)
    resp.write_stdin("echo attached $HOSTNAME\n")
    line = resp.readline_stdout(timeout=60)
    resp.write_stdin("exit 6\n")
    resp.run_forever(timeout=60)
    return {"line": line, "open": resp.is_open()}


def port_forward(ns, pod, port):
    forward = portforward(core.connect_get_namespaced_pod_portforward, pod, ns, ports=str(port))
    sock = forward.socket(int(port))
    sock.setblocking(True)
    reply = b""
    try:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                break
            reply += chunk
    except OSError as error:
        reply = ("%s" % error.strerror).encode()
    sock.close()
    return {"reply": reply.decode(), "error": forward.error(int(port))}


def create_from_yaml(ns, path):
    try:
        utils.create_from_yaml(client.ApiClient(), path, namespace=ns)
        return {"failures": []}
    except utils.FailToCreateError as error:
        return {"failures": [json.loads(f.body) for f in error.api_exceptions]}


def api_services():
    # The availability controller writes the status shortly after start: wait for it (60 s at most).
    for _ in range(120):
        listed = client.ApiregistrationV1Api().list_api_service().items
        apps = next(a for a in listed if a.metadata.name == "v1.apps")
        available = next((c for c in (apps.status.conditions or []) if c.type == "Available"), None)
        if available:
            break
        time.sleep(0.5)
    return {"names": [a.metadata.name for a in listed], "apps": {"local": apps.spec.service is None, "available": available.status, "reason": available.reason}}


if __name__ == "__main__":
    name, *args = sys.argv[1:]
    print(json.dumps(globals()[name](*args), default=str))
