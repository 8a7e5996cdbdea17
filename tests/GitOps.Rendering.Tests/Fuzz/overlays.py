# Random Kustomize tree: bases with workloads, services, RBAC, generators; an overlay with
# prefixes, namespaces, labels, annotations, images, targeted patches. Usage: overlays.py SEED DIR
import os, random, sys, json, shutil
from tree import start
seed, out, w = start()
names=['web','api','db','cache','worker']
def workload(kind, name, cm, sec, sa):
    spec = {'selector': {'matchLabels': {'app': name}}, 'template': {'metadata': {'labels': {'app': name}}, 'spec': {
        'serviceAccountName': sa,
        'containers': [{'name': 'main', 'image': random.choice(['nginx','nginx:1.0','example/api:2','busybox@sha256:abc']),
                        'envFrom': [{'configMapRef': {'name': cm}}, {'secretRef': {'name': sec}}]}],
        'volumes': [{'name': 'v', 'configMap': {'name': cm}}]}}}
    if kind == 'StatefulSet': spec['serviceName'] = name
    if kind != 'DaemonSet' and random.random() < 0.5: spec['replicas'] = 1
    return {'apiVersion': 'apps/v1', 'kind': kind, 'metadata': {'name': name}, 'spec': spec}
def base(d, idx):
    objs=[]; k={'resources': ['res.yaml']}
    for n in random.sample(names, random.randint(1,3)):
        kind=random.choice(['Deployment','StatefulSet','DaemonSet'])
        objs.append(workload(kind, n, f'{n}-cfg', f'{n}-sec', f'{n}-sa'))
        objs.append({'apiVersion':'v1','kind':'Service','metadata':{'name':n},'spec':{'selector':{'app':n},'ports':[{'port':80}]}})
        objs.append({'apiVersion':'v1','kind':'ServiceAccount','metadata':{'name':f'{n}-sa'}})
        if random.random()<0.5:
            objs.append({'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':f'{n}-cfg'},'data':{'k':'v'}})
        else:
            k.setdefault('configMapGenerator',[]).append({'name':f'{n}-cfg','literals':[f'K={random.randint(0,9)}']})
        k.setdefault('secretGenerator',[]).append({'name':f'{n}-sec','literals':[f'P={random.randint(0,99)}']})
        objs.append({'apiVersion':'rbac.authorization.k8s.io/v1','kind':'RoleBinding','metadata':{'name':f'{n}-rb'},
                     'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'ClusterRole','name':'view'},
                     'subjects':[{'kind':'ServiceAccount','name':f'{n}-sa'}]})
    transform(k, objs)
    w(f'{d}/res.yaml', '---\n'.join(json.dumps(o)+'\n' for o in objs))
    w(f'{d}/kustomization.yaml', json.dumps(k))
    return objs
def transform(k, objs):
    if random.random()<0.4: k['namePrefix']=random.choice(['a-','b-','pre-'])
    if random.random()<0.3: k['nameSuffix']=random.choice(['-x','-v2'])
    if random.random()<0.3: k['namespace']=random.choice(['ns1','ns2'])
    if random.random()<0.3: k['commonLabels']={'team':random.choice(['a','b'])}
    if random.random()<0.3: k['labels']=[{'pairs':{'tier':'t'},'includeSelectors':random.random()<0.5,'includeTemplates':random.random()<0.5}]
    if random.random()<0.3: k['commonAnnotations']={'note':random.choice(['x','y: z','long '*20])}
    if random.random()<0.3: k['images']=[{'name':'nginx','newTag':random.choice(['1.25','2'])},{'name':'busybox','newName':'alpine'}]
    if random.random()<0.3: k['generatorOptions']={'labels':{'gen':'yes'},'disableNameSuffixHash':random.random()<0.3}
def overlay(d, bases, allnames):
    k={'resources': bases}
    transform(k, [])
    r=random.random()
    if r<0.3:
        k['patches']=[{'target':{'kind':'Service'},'patch':json.dumps([{'op':'add','path':'/metadata/annotations/patched','value':'yes'}])}]
    elif r<0.5:
        k['patches']=[{'target':{'kind':'(Deployment|StatefulSet|DaemonSet)'},'patch':'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers:\n      - name: main\n        env:\n        - name: E\n          value: "1"\n'}]
    if random.random()<0.3:
        k['configMapGenerator']=[{'name':'extra','literals':['A=1']}]
    if random.random()<0.2:
        k['sortOptions']={'order':'fifo'}
    w(f'{d}/kustomization.yaml', json.dumps(k))
nb=random.randint(1,2)
all_objs=[]
for i in range(nb):
    all_objs+=base(f'base{i}', i)
if nb==1:
    overlay('app', ['../base0'], [])
else:
    overlay('app', ['../base0','../base1'], [])
