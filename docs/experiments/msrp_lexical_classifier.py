"""A logistic regression over 26 lexical overlap features on MSRP: the experiment behind
issue #3's closing note (docs/EVALUATION.md). Pure Python 3, no packages.
Run from the repository root: python3 docs/experiments/msrp_lexical_classifier.py"""
import re, math, random, sys
from collections import Counter
def load(p):
    rows=[]
    with open(p,encoding='utf-8-sig') as f:
        next(f)
        for line in f:
            parts=line.rstrip('\n').split('\t')
            if len(parts)<5: continue
            rows.append((int(parts[0]),parts[3],parts[4]))
    return rows
import os
DATA=os.environ.get('MSRP','../shared/eval/msrp')
tr=load(DATA+'/train.tsv'); te=load(DATA+'/test.tsv')
tok=lambda s:[w for w in re.findall(r"\w+(?:[.,']\w+)*",s.lower())]
df=Counter()
for _,a,b in tr:
    for s in (a,b): df.update(set(tok(s)))
N=2*len(tr)
idf=lambda w: math.log((N+1)/(df.get(w,0)+1))
STOP=set("the a an of to in and for on that is was with as by at from it its be has have had are were said he she they this".split())
def ngr(t,n): return Counter(tuple(t[i:i+n]) for i in range(len(t)-n+1))
def prf(a,b):
    inter=sum((a&b).values()); pa=sum(a.values()); pb=sum(b.values())
    p=inter/pa if pa else 0; r=inter/pb if pb else 0
    return p,r,(2*p*r/(p+r) if p+r else 0)
def lcs(a,b):
    m=[0]*(len(b)+1)
    for x in a:
        prev=0
        for j,y in enumerate(b):
            cur=m[j+1]
            m[j+1]=prev+1 if x==y else max(m[j+1],m[j])
            prev=cur
    return m[-1]
def feats(a,b):
    ta,tb=tok(a),tok(b)
    f=[]
    for n in (1,2,3):
        p,r,F=prf(ngr(ta,n),ngr(tb,n)); f+= [p,r,F]
    ca,cb=Counter(a.lower()[i:i+4] for i in range(len(a)-3)),Counter(b.lower()[i:i+4] for i in range(len(b)-3))
    f+=list(prf(ca,cb))
    sa,sb=set(ta),set(tb)
    wi=sum(idf(w) for w in sa&sb); wa=sum(idf(w) for w in sa); wb=sum(idf(w) for w in sb)
    f+=[wi/wa if wa else 0, wi/wb if wb else 0]
    ca2=set(w for w in ta if w not in STOP); cb2=set(w for w in tb if w not in STOP)
    f+=list(prf(Counter(ca2),Counter(cb2)))
    f+=[abs(len(ta)-len(tb))/max(len(ta),len(tb)), min(len(ta),len(tb))/max(len(ta),len(tb))]
    na=set(w for w in ta if re.match(r'\d',w)); nb=set(w for w in tb if re.match(r'\d',w))
    f+=[1.0 if na==nb else 0.0, 1.0 if (na<=nb or nb<=na) else 0.0, 1.0 if (na or nb) else 0.0]
    l=lcs(ta,tb); f+=[l/len(ta) if ta else 0,l/len(tb) if tb else 0]
    # unmatched idf mass
    f+=[sum(idf(w) for w in sa-sb)/10, sum(idf(w) for w in sb-sa)/10]
    return f
def train_lr(X,y,epochs=300,lr=0.5,l2=1e-3):
    d=len(X[0]); w=[0.0]*(d+1)
    for ep in range(epochs):
        g=[0.0]*(d+1)
        for x,t in zip(X,y):
            z=w[-1]+sum(wi*xi for wi,xi in zip(w,x)); p=1/(1+math.exp(-max(-30,min(30,z))))
            e=p-t
            for i in range(d): g[i]+=e*x[i]
            g[-1]+=e
        for i in range(d+1): w[i]-=lr*(g[i]/len(X)+ (l2*w[i] if i<d else 0))
    return w
def pred(w,x): return w[-1]+sum(wi*xi for wi,xi in zip(w,x))>0

SUMMARY_SIDE=[1,4,7,10,13,15,19,20,21,23,25]  # shares of sentence 2 found in sentence 1, numbers
ALL=list(range(26))                            # plus shares of sentence 1 found in sentence 2
def standardize(X,cols,ref):
    d=len(cols); R=[[x[i] for i in cols] for x in ref]
    mu=[sum(x[i] for x in R)/len(R) for i in range(d)]
    sd=[max(1e-9,math.sqrt(sum((x[i]-mu[i])**2 for x in R)/len(R))) for i in range(d)]
    return [[(x[c]-mu[i])/sd[i] for i,c in enumerate(cols)] for x in X]
Xtr=[feats(a,b) for _,a,b in tr]; ytr=[q for q,_,_ in tr]
Xte=[feats(a,b) for _,a,b in te]; yte=[q for q,_,_ in te]
for name,cols in (('summary side',SUMMARY_SIDE),('both sides',ALL)):
    X=standardize(Xtr,cols,Xtr); idx=list(range(len(X))); random.seed(1); random.shuffle(idx); accs=[]
    for k in range(5):
        held=set(idx[k::5])
        w=train_lr([X[i] for i in idx if i not in held],[ytr[i] for i in idx if i not in held])
        accs.append(sum(pred(w,X[i])==ytr[i] for i in held)/len(held))
    w=train_lr(X,ytr); T=standardize(Xte,cols,Xtr); P=[pred(w,x) for x in T]
    tp=sum(p and t for p,t in zip(P,yte)); fp=sum(p and not t for p,t in zip(P,yte)); fn=sum((not p) and t for p,t in zip(P,yte))
    acc=sum(p==t for p,t in zip(P,yte))/len(yte); pr=tp/(tp+fp); rc=tp/(tp+fn)
    print('%-12s train 5-fold CV accuracy %.1f%%; test accuracy %.1f%%, F1 %.1f%%'%(name,100*sum(accs)/5,100*acc,200*pr*rc/(pr+rc)))
