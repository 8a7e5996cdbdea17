# Random Kustomize tree: a base, a component merging into its generators, an overlay with
# generator merge/replace, legacy patches, replicas, images, labels. Usage: components.py SEED DIR
import os, random, sys, json, shutil
from tree import start
seed, out, w = start()
def podspec(n):
    return {'serviceAccountName': 'sa', 'containers': [{'name': 'c', 'image': random.choice(['nginx:1','redis','app/x:1']),
            'env': [{'name':'X','valueFrom':{'configMapKeyRef':{'name':'cfg','key':'K'}}}], 'envFrom':[{'secretRef':{'name':'sec'}}]}],
            'volumes':[{'name':'d','persistentVolumeClaim':{'claimName':'data'}}]}
def wl(kind, n):
    if kind=='CronJob':
        return {'apiVersion':'batch/v1','kind':'CronJob','metadata':{'name':n},'spec':{'schedule':'* * * * *','jobTemplate':{'spec':{'template':{'spec':podspec(n)}}}}}
    if kind=='Job':
        return {'apiVersion':'batch/v1','kind':'Job','metadata':{'name':n},'spec':{'template':{'spec':podspec(n)}}}
    return {'apiVersion':'apps/v1','kind':kind,'metadata':{'name':n},'spec':{'selector':{'matchLabels':{'app':n}},'template':{'metadata':{'labels':{'app':n}},'spec':podspec(n)}}}
objs=[wl(random.choice(['Deployment','CronJob','Job','StatefulSet']), f'w{i}') for i in range(random.randint(1,3))]
objs+=[{'apiVersion':'v1','kind':'ServiceAccount','metadata':{'name':'sa'}},
       {'apiVersion':'v1','kind':'PersistentVolumeClaim','metadata':{'name':'data'},'spec':{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'1Gi'}}}},
       {'apiVersion':'networking.k8s.io/v1','kind':'Ingress','metadata':{'name':'ing'},'spec':{'tls':[{'secretName':'sec'}],'rules':[{'http':{'paths':[{'path':'/','pathType':'Prefix','backend':{'service':{'name':'svc','port':{'number':80}}}}]}}]}},
       {'apiVersion':'v1','kind':'Service','metadata':{'name':'svc'},'spec':{'ports':[{'port':80}]}}]
bk={'resources':['res.yaml'],'configMapGenerator':[{'name':'cfg','literals':['K=base','L=base']}],'secretGenerator':[{'name':'sec','literals':['S=base']}]}
if random.random()<0.5: bk['namespace']='basens'
if random.random()<0.5: bk['namePrefix']='b-'
if random.random()<0.3: bk['replicas']=[{'name':o['metadata']['name'],'count':3} for o in objs if o['kind'] in ('Deployment','StatefulSet')][:1]
if not bk.get('replicas'): bk.pop('replicas',None)
w('base/res.yaml','---\n'.join(json.dumps(o)+'\n' for o in objs))
w('base/kustomization.yaml',json.dumps(bk))
comp={'apiVersion':'kustomize.config.k8s.io/v1alpha1','kind':'Component','commonLabels':{'c':'1'}}
if random.random()<0.5: comp['configMapGenerator']=[{'name':'cfg','behavior':'merge','literals':['L=comp','M=comp']}]
if random.random()<0.5: comp['commonAnnotations']={'comp':'yes'}
if random.random()<0.5: comp['resources']=['extra.yaml']; w('comp/extra.yaml', json.dumps({'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'extra'},'data':{'e':'1'}}))
w('comp/kustomization.yaml', json.dumps(comp))
ok={'resources':['../base']}
if random.random()<0.5: ok['components']=['../comp']
if random.random()<0.5: ok['namespace']='prod'
if random.random()<0.5: ok['nameSuffix']='-p'
if random.random()<0.4: ok['secretGenerator']=[{'name':'sec','behavior':random.choice(['merge','replace']),'literals':['S=overlay','T=o']}]
if random.random()<0.4: ok['patchesStrategicMerge']=['sa-patch.yaml']; w('app/sa-patch.yaml','apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n'+('  namespace: basens\n' if bk.get('namespace') else '')+'automountServiceAccountToken: false\n')
if random.random()<0.4: ok['patchesJson6902']=[{'target':{'version':'v1','kind':'Service','name':'.*svc'},'patch':'- op: replace\n  path: /spec/ports/0/port\n  value: 8080\n'}]
if random.random()<0.4: ok['replicas']=[{'name':o['metadata']['name'],'count':5} for o in objs if o['kind'] in ('Deployment','StatefulSet')][:1] or None
if ok.get('replicas') is None: ok.pop('replicas',None)
if random.random()<0.4: ok['images']=[{'name':'redis','newName':'valkey','newTag':'8'},{'name':'app/x','digest':'sha256:ff'}]
if random.random()<0.4: ok['labels']=[{'pairs':{'env':'prod'},'includeSelectors':True}]
w('app/kustomization.yaml', json.dumps(ok))
