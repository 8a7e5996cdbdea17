# Random Kustomize tree exercising vars and configurations: a base (maybe with a prefix, a namespace,
# a generator, its own vars and configurations), maybe a component, and an overlay with more vars,
# prefixes/suffixes, labels and annotations holding $(VAR) (some set in the base, then patched with a JSON
# or strategic merge patch), and configurations adding varReference,
# nameReference, images, commonLabels and namePrefix field specs for a custom resource. Var values
# come from names, numbers, booleans, maps and missing fields; $(VAR) appears in default varReference
# fields, custom ones and fields that are neither, with $$ escapes and unknown names. Some trees are
# meant to fail (duplicate var, missing objref, missing field, ambiguous objref, non-string list item):
# both tools must then fail. Usage: vars.py SEED DIR
import os, random, sys, json, shutil
from tree import start
seed, out, w = start()
VARS=['HOST','PORT','FLAG','CM','SEL','MISS','NAME2','UNKNOWN']
def ref():
    v=random.choice(VARS)
    return random.choice(['$(%s)','x-$(%s)','$$(%s)','$(%s)$(%s)','a $(%s) b','$(%s']).replace('%s', v)
def dep(n):
    args=[ref() for _ in range(random.randint(0,3))]
    if random.random()<0.05: args.append(8080)
    return {'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':n,'labels':{'app':n},'annotations':{'note':ref()}},
            'spec':{'replicas':2,'selector':{'matchLabels':{'app':n}},'template':{'metadata':{'labels':{'app':n},'annotations':{'t':ref()}},'spec':{
                'containers':[{'name':'app','image':random.choice(['app:1.0','nginx:1.2']),'args':args,'command':[ref()],
                    'env':[{'name':'A','value':ref()},{'name':'B','value':ref()}],'workingDir':ref()}],
                'volumes':[{'name':'cfg','configMap':{'name':'settings'}}]}}}}
svc={'apiVersion':'v1','kind':'Service','metadata':{'name':'db'},'spec':{'ports':[{'name':'pg','port':5432,'targetPort':ref()}],'selector':{'app':'db'}}}
cr={'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},'spec':{'config':'settings','image':'nginx:1.2','url':ref(),
    'hosts':[ref(), 'plain'],'selector':{'app':'w'},'target':'db','flag':True}}
cm={'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'plain'},'data':{'k':ref(),'n':ref()}}
objs=[dep('web'), svc, cr, cm]
if random.random()<0.2:
    dup=dict(svc); dup['metadata']={'name':'db','namespace':'other'}; objs.append(dup)
def var(name, kind, oname, path=None, api=None, ns=None):
    v={'name':name,'objref':{'kind':kind,'name':oname}}
    if api: v['objref']['apiVersion']=api
    if ns: v['objref']['namespace']=ns
    if path: v['fieldref']={'fieldpath':path}
    return v
pool=[lambda: var('HOST','Service','db',api='v1'),
      lambda: var('PORT','Service','db',random.choice(['spec.ports[0].port','spec.ports.0.port','spec.ports[0].name']),api='v1'),
      lambda: var('FLAG','Widget','w',random.choice(['spec.flag','spec.image']),api='example.com/v1'),
      lambda: var('CM','ConfigMap','settings',random.choice([None,'data.mode']),api='v1'),
      lambda: var('SEL','Widget','w',random.choice(['spec.selector','spec.selector.app','spec.nothere' if random.random()<0.3 else 'spec.target']),api='example.com/v1'),
      lambda: var('MISS','Deployment',random.choice(['web','b-web','nothere' if random.random()<0.3 else 'web']),api='apps/v1'),
      lambda: var('NAME2','Deployment','web',random.choice(['metadata.labels.app','spec.replicas']),api='apps/v1')]
random.shuffle(pool)
base_vars=[f() for f in pool[:random.randint(0,3)]]
top_vars=[f() for f in pool[3:3+random.randint(0,3)]]
if random.random()<0.1 and base_vars: top_vars.append(dict(base_vars[0]))
def config():
    c={}
    if random.random()<0.7: c['varReference']=random.sample([{'path':'data','kind':'ConfigMap'},{'path':'spec/url','kind':'Widget'},
        {'path':'spec/hosts'},{'path':'spec/template/spec/containers/workingDir','kind':'Deployment'},{'path':'spec/template/spec/containers/args'}], random.randint(1,3))
    if random.random()<0.5: c['nameReference']=[{'kind':'ConfigMap','version':random.choice(['v1',None]),'fieldSpecs':[{'path':'spec/config','kind':'Widget'}]}]
    if random.random()<0.4: c['images']=[{'path':'spec/image','kind':'Widget'}]
    if random.random()<0.4: c['commonLabels']=[{'path':'spec/selector','kind':'Widget','create':random.choice([True,False])}]
    if random.random()<0.3: c['namePrefix']=[{'path':'spec/target','kind':'Widget'}]
    for c2 in c.get('nameReference',[]):
        if c2['version'] is None: del c2['version']
    return c
bk={'resources':['res.yaml'],'configMapGenerator':[{'name':'settings','literals':['mode=%d' % random.randint(1,9)]}]}
if random.random()<0.5: bk['namePrefix']='b-'
if random.random()<0.3: bk['namespace']='ns1'
if base_vars: bk['vars']=base_vars
if random.random()<0.4: w('base/conf.yaml', json.dumps(config())); bk['configurations']=['conf.yaml']
if random.random()<0.4: bk['commonLabels']={'bl':ref()}
if random.random()<0.3: bk['commonAnnotations']={'ba':ref()}
w('base/res.yaml','---\n'.join(json.dumps(o)+'\n' for o in objs))
w('base/kustomization.yaml', json.dumps(bk))
ok={'resources':['../base']}
if random.random()<0.3:
    w('comp/kustomization.yaml', json.dumps({'apiVersion':'kustomize.config.k8s.io/v1alpha1','kind':'Component','nameSuffix':'-c',
        'commonAnnotations':{'c':ref()}}))
    ok['components']=['../comp']
if random.random()<0.5: ok['namePrefix']='o-'
if random.random()<0.3: ok['nameSuffix']='-s'
if random.random()<0.5: ok['commonLabels']={'l':ref()}
if random.random()<0.4: ok['commonAnnotations']={'a':ref()}
if random.random()<0.3: ok['images']=[{'name':'nginx','newTag':'9'}]
if top_vars: ok['vars']=top_vars
if random.random()<0.4:
    # A JSON patch goes through JSON in Kustomize (labels a base shared stop being shared); a strategic merge patch does not.
    ok['patches']=[random.choice([
        {'target':{'kind':'Deployment'},'patch':json.dumps([{'op':'add','path':'/spec/minReadySeconds','value':5}])},
        {'target':{'kind':'Deployment'},'patch':json.dumps({'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'minReadySeconds':5}})}])]
if random.random()<0.2: ok['labels']=[{'pairs':{'ol':ref()},'includeSelectors':random.choice([True,False]),'includeTemplates':True}]
if random.random()<0.5: w('app/conf.yaml', json.dumps(config())); ok['configurations']=['conf.yaml']
w('app/kustomization.yaml', json.dumps(ok))
