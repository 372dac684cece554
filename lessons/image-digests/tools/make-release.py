#!/usr/bin/env python3
"""Writes ../files/release-1.0.tar: a docker-archive (docker load) of one tiny image, byte for byte
the same on every run, so its image ID (the sha256 of its config) is fixed and so is the digest a
registry gives it after a push (Docker compresses the layer the same way each time). The lesson's
reference answer can then type that digest, which a learner reads from their own push.
No RepoTags: a name in the archive would be one name for every learner on a shared engine."""
import hashlib, io, json, os, tarfile

def add(tar, name, data, mode=0o644):
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime, info.uid, info.gid = len(data), mode, 0, 0, 0
    info.uname = info.gname = ''
    tar.addfile(info, io.BytesIO(data))

def tar_bytes(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w', format=tarfile.USTAR_FORMAT) as t:
        for name, data in entries:
            add(t, name, data)
    return buf.getvalue()

layer = tar_bytes([('release.txt', b'release 1.0 of the team app\n')])
diff_id = 'sha256:' + hashlib.sha256(layer).hexdigest()
config = json.dumps({
    'architecture': 'amd64', 'os': 'linux', 'created': '2026-01-01T00:00:00Z',
    'config': {'Labels': {'org.opencontainers.image.version': '1.0'}},
    'rootfs': {'type': 'layers', 'diff_ids': [diff_id]},
    'history': [{'created': '2026-01-01T00:00:00Z', 'created_by': 'ctr-learn image-digests: release 1.0, handed over as an archive'}],
}, sort_keys=True, separators=(',', ':')).encode()
image_id = hashlib.sha256(config).hexdigest()
manifest = json.dumps([{'Config': f'{image_id}.json', 'RepoTags': None, 'Layers': ['layer/layer.tar']}]).encode()
out = tar_bytes([(f'{image_id}.json', config), ('layer/layer.tar', layer), ('manifest.json', manifest)])
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'files', 'release-1.0.tar')
open(path, 'wb').write(out)
print('image ID sha256:' + image_id)
