# Random Kustomize tree exercising replacements: a base with a prefix and maybe a namespace, an
# overlay whose replacements (inline or in a path: file) copy names, scalars, maps and delimited parts
# into list-selected, indexed and wildcard fields, with reject, create and delimiter/index options.
# Some trees are meant to fail (missing source, ambiguous source, missing target field): both tools
# must then fail. Usage: replacements.py SEED DIR
import os, random, sys, json, shutil
from tree import start
seed, out, w = start()
def dep(n, labels):
    return {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':n,'labels':labels,'annotations':{'a':'x'}},
            'spec':{'replicas':random.choice([1,2]),'template':{'spec':{'containers':[
                {'name':'app','image':'app:1.0','env':[{'name':'HOST','value':'h'},{'name':'PORT','value':'1'}]},
                {'name':'side','image':'side:2','env':[{'name':'HOST','value':'h'}]}]}}}}
objs=[dep('web',{'tier':'front'}), dep('api',{'tier':'back'}),
      {'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'conf'},'data':{'host':'db.internal','url':'http://a.b/c','port':'5432','flag':'true','ver':'1.5'}},
      {'apiVersion':'v1','kind':'Service','metadata':{'name':'db'},'spec':{'ports':[{'name':'pg','port':5432,'targetPort':5432}]}}]
if random.random()<0.3: objs.append({'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'conf2'},'data':{'host':'other'}})
bk={'resources':['res.yaml']}
if random.random()<0.5: bk['namePrefix']='b-'
if random.random()<0.5: bk['namespace']='ns1'
w('base/res.yaml','---\n'.join(json.dumps(o)+'\n' for o in objs))
w('base/kustomization.yaml',json.dumps(bk))
sources=[{'kind':'ConfigMap','name':'conf','fieldPath':random.choice(['data.host','data.port','data.flag','data.ver','data.url','data.missing'])},
         {'kind':'Service','name':'db'},
         {'kind':'Service','fieldPath':random.choice(['spec.ports.0.port','spec.ports.[name=pg].targetPort','spec.ports'])},
         {'kind':'Deployment','name':'web','fieldPath':random.choice(['spec.replicas','spec.template.spec.containers.[name=app].env','metadata.labels'])},
         {'kind':'ConfigMap'}]
paths=['spec.template.spec.containers.[name=app].env.[name=HOST].value','spec.template.spec.containers.*.env.[name=HOST].value',
       'spec.template.spec.containers.1.image','metadata.annotations.a','metadata.annotations.new','spec.replicas',
       'spec.template.spec.containers.[name=app].env','spec.template.spec.containers.[name=app].env.[name=NEW].value','metadata.labels']
reps=[]
for _ in range(random.randint(1,3)):
    src=dict(random.choice(sources))
    if random.random()<0.3: src['options']={'delimiter':random.choice(['/','.',':']),'index':random.choice([0,1,2,5])}
    t={'select':random.choice([{'kind':'Deployment'},{'kind':'Deployment','name':'web'},{'labelSelector':'tier=back'},{'name':'b-api'}]),
       'fieldPaths':random.sample(paths, random.randint(1,2))}
    if random.random()<0.4: t['reject']=[random.choice([{'name':'web'},{'labelSelector':'tier=front'},{'kind':'Service'}])]
    opts={}
    if random.random()<0.5: opts['create']=True
    if random.random()<0.2: opts['delimiter']=random.choice(['.',':']); opts['index']=random.choice([-1,0,1,9])
    if opts: t['options']=opts
    reps.append({'source':src,'targets':[t]})
ok={'resources':['../base']}
if random.random()<0.3: ok['nameSuffix']='-o'
if random.random()<0.5:
    ok['replacements']=reps
else:
    w('app/reps.yaml', json.dumps(reps if len(reps)>1 or random.random()<0.5 else reps[0]))
    ok['replacements']=[{'path':'reps.yaml'}]
w('app/kustomization.yaml', json.dumps(ok))
