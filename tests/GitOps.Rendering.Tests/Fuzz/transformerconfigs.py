# Random Kustomize tree exercising builtin transformer and generator configs (transformers:,
# generators:) with custom fieldSpecs, next to the kustomization's own fields, in files (one or
# several documents) or inline. Usage: transformerconfigs.py SEED DIR
import os, random, sys, json, shutil
from tree import start
seed, out, w = start()
def dep(n):
    return {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':n},'spec':{'replicas':1,'selector':{'matchLabels':{'app':n}},
            'template':{'metadata':{'labels':{'app':n}},'spec':{'containers':[{'name':'c','image':random.choice(['nginx:1','redis','app/x:1']),
            'envFrom':[{'configMapRef':{'name':'cfg'}}]}]}}}}
objs=[dep('web'), dep('api'), {'apiVersion':'v1','kind':'Service','metadata':{'name':'svc'},'spec':{'selector':{'app':'web'},'ports':[{'port':80}]}},
      {'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'cfg'},'data':{'k':'v'}}]
w('base/res.yaml','---\n'.join(json.dumps(o)+'\n' for o in objs))
bk={'resources':['res.yaml']}
if random.random()<0.5: bk['namePrefix']='b-'
w('base/kustomization.yaml', json.dumps(bk))
def fs(choices):
    return [dict(c) for c in random.sample(choices, random.randint(0, len(choices)))]
configs=[]
if random.random()<0.6: configs.append({'apiVersion':'builtin','kind':'PrefixSuffixTransformer','metadata':{'name':'ps'},
    'prefix':random.choice(['p-','']),'suffix':random.choice(['-s','']),'fieldSpecs':fs([{'path':'metadata/name'},{'path':'metadata/name','kind':'Deployment'},{'path':'spec/template/spec/containers[]/envFrom[]/configMapRef/name'}])})
if random.random()<0.6: configs.append({'apiVersion':'builtin','kind':'LabelTransformer','metadata':{'name':'l'},'labels':{'team':'t'},
    'fieldSpecs':fs([{'path':'metadata/labels','create':True},{'path':'spec/selector','kind':'Service','create':True},{'path':'spec/template/metadata/labels','kind':'Deployment','create':random.random()<0.5}])})
if random.random()<0.5: configs.append({'apiVersion':'builtin','kind':'AnnotationsTransformer','metadata':{'name':'a'},'annotations':{'note':'n'},
    'fieldSpecs':fs([{'path':'metadata/annotations','create':True},{'path':'spec/template/metadata/annotations','create':True,'kind':'Deployment'}])})
if random.random()<0.5: configs.append({'apiVersion':'builtin','kind':'ImageTagTransformer','metadata':{'name':'i'},
    'imageTag':random.choice([{'name':'nginx','newTag':'2'},{'name':'redis','newName':'valkey'},{'name':'app/x','tagSuffix':'-slim'}])})
if random.random()<0.5: configs.append({'apiVersion':'builtin','kind':'ReplicaCountTransformer','metadata':{'name':'r'},'replica':{'name':'api','count':3},
    'fieldSpecs':[{'path':'spec/replicas','kind':'Deployment','create':True}]})
if random.random()<0.4: configs.append({'apiVersion':'builtin','kind':'PatchTransformer','metadata':{'name':'p'},
    'patch':'- op: add\n  path: /metadata/annotations/patched\n  value: "yes"\n','target':{'kind':random.choice(['Deployment','Service'])}})
if random.random()<0.4: configs.append({'apiVersion':'builtin','kind':'ReplacementTransformer','metadata':{'name':'rt'},
    'replacements':[{'source':{'kind':'Service','name':'svc'},'targets':[{'select':{'kind':'ConfigMap'},'fieldPaths':['data.service']}]}]})
random.shuffle(configs)
ok={'resources':['../base']}
if random.random()<0.5: ok['namePrefix']='o-'
if random.random()<0.5: ok['commonLabels']={'env':'prod'}
if random.random()<0.5: ok['images']=[{'name':'nginx','newTag':'1.27'}]
trs=[]
for i,c in enumerate(configs):
    if random.random()<0.3: trs.append(json.dumps(c, indent=1))
    else: w(f'app/t{i}.yaml', json.dumps(c)); trs.append(f't{i}.yaml')
if trs: ok['transformers']=trs
if random.random()<0.5:
    gens=[{'apiVersion':'builtin','kind':'ConfigMapGenerator','metadata':{'name':'gen'},'literals':['a=b']}]
    if random.random()<0.5: gens.append({'apiVersion':'builtin','kind':'SecretGenerator','metadata':{'name':'sec'},'literals':['s=t'],'options':{'disableNameSuffixHash':random.random()<0.5}})
    w('app/gens.yaml','---\n'.join(json.dumps(g)+'\n' for g in gens)); ok['generators']=['gens.yaml']
if len(ok)==1: ok['commonAnnotations']={'x':'y'}
w('app/kustomization.yaml', json.dumps(ok))
