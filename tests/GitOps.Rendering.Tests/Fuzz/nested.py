# Random three-level Kustomize tree: base, mid overlay (suffix, namespace, generator merge, SMP and
# JSON patches incl. $patch: delete), top overlay (prefix, labels, replicas, images, custom sort).
# Usage: nested.py SEED DIR
import os, random, sys, json, shutil
from tree import start
seed, out, w = start()
def dep(n):
    return {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':n,'labels':{'app':n}},'spec':{'replicas':1,'selector':{'matchLabels':{'app':n}},'template':{'metadata':{'labels':{'app':n},'annotations':{'a':'b'}},'spec':{'containers':[{'name':'main','image':'img/'+n+':1','ports':[{'containerPort':8080,'name':'http'}],'env':[{'name':'A','value':'1'}],'envFrom':[{'configMapRef':{'name':'conf'}}]},{'name':'side','image':'side:1'}]}}}}
svc=lambda n: {'apiVersion':'v1','kind':'Service','metadata':{'name':n},'spec':{'selector':{'app':n},'ports':[{'name':'http','port':80,'targetPort':'http'}]}}
hpa=lambda n: {'apiVersion':'autoscaling/v2','kind':'HorizontalPodAutoscaler','metadata':{'name':n},'spec':{'scaleTargetRef':{'apiVersion':'apps/v1','kind':'Deployment','name':n},'minReplicas':1,'maxReplicas':3}}
names=random.sample(['api','web','job','ui'], random.randint(1,3))
objs=[]
for n in names:
    objs += [dep(n), svc(n)] + ([hpa(n)] if random.random()<0.5 else [])
w('base/res.yaml', '---\n'.join(json.dumps(o)+'\n' for o in objs))
b={'resources':['res.yaml'],'configMapGenerator':[{'name':'conf','literals':['LEVEL=base']}]}
if random.random()<0.5: b['namePrefix']='base-'
w('base/kustomization.yaml', json.dumps(b))
mid={'resources':['../base']}
if random.random()<0.5: mid['nameSuffix']='-mid'
if random.random()<0.5: mid['namespace']='mid'
if random.random()<0.5: mid['configMapGenerator']=[{'name':'conf','behavior':'merge','literals':['LEVEL=mid','MID=1']}]
n=random.choice(names)
r=random.random()
if r<0.25:
    mid['patches']=[{'patch':json.dumps({'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':n},'spec':{'replicas':4,'template':{'spec':{'containers':[{'name':'main','env':[{'name':'B','value':'2'}]}]}}}})}]
elif r<0.4:
    mid['patches']=[{'patch':json.dumps({'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':n},'spec':{'template':{'spec':{'containers':[{'name':'side','$patch':'delete'}]}}}})}]
elif r<0.5:
    mid['patches']=[{'patch':json.dumps({'apiVersion':'v1','kind':'Service','metadata':{'name':n},'$patch':'delete'})}]
elif r<0.6:
    mid['patches']=[{'target':{'kind':'Deployment','name':n},'patch':'- op: remove\n  path: /spec/template/metadata/annotations\n- op: add\n  path: /spec/template/spec/containers/0/args\n  value: ["x"]\n'}]
if random.random()<0.3: mid['commonAnnotations']={'multi':'line one\nline two\n','plain':'v'}
w('mid/kustomization.yaml', json.dumps(mid))
top={'resources':['../mid']}
if random.random()<0.5: top['namePrefix']='top-'
if random.random()<0.4: top['namespace']='top'
if random.random()<0.4: top['labels']=[{'pairs':{'l':'v'},'includeTemplates':True}]
if random.random()<0.4: top['commonLabels']={'cl':'v'}
if random.random()<0.3: top['sortOptions']={'order':'legacy','legacySortOptions':{'orderFirst':['HorizontalPodAutoscaler'],'orderLast':['ConfigMap']}}
if random.random()<0.4: top['replicas']=[{'name':random.choice(names),'count':7}]
if random.random()<0.4: top['images']=[{'name':'img/'+random.choice(names),'newName':'reg/x','newTag':'9'},{'name':'side','digest':'sha256:00'}]
if random.random()<0.3: top['configMapGenerator']=[{'name':'conf','behavior':'replace','literals':['ONLY=top']}]
w('app/kustomization.yaml', json.dumps(top))
