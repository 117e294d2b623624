"""
The error rates of the essay claims' two-stage plan (src/stats/two-stage.ts), quoted in TWO_STAGE_WHY.

Binomial draws of each rule: e-finality-diffuses (a pilot of 2416 runs, 11 % at risk at age 2 and 60 % at age 30,
the headline cell's shares; the plan from the pilot's fall and bounded variances, at least 229 at risk, at most four
pilots; Newcombe's interval from the arms' Wilson intervals) and e-double-spend (a pilot of 1488 runs, the plan at
least 872, at most four pilots; Wilson). Runs on one network are treated as independent (design effect 1). Each rule
is compared with a fixed design of the same mean runs. Usage: python3 scripts/two-stage-error-rate.py (numpy, scipy).
"""
import numpy as np
from scipy.stats import norm
rng=np.random.default_rng(1)
z=norm.ppf(.975)+norm.ppf(.9); m=0.1
def wil(k,n):
    zz=1.96; p=k/np.maximum(n,1); c=(p+zz*zz/(2*n))/(1+zz*zz/n); h=zz*np.sqrt(p*(1-p)/n+zz*zz/(4*n*n))/(1+zz*zz/n); return c-h,c+h
def q(k,n):
    lo,hi=wil(k,n); ps=np.clip(0.5,lo,hi); return ps*(1-ps)
def dist(d):
    return np.where(d>=0,np.abs(d-m),np.maximum(-d,m+d))
def newc(ky,ny,ko,no):
    ly,uy=wil(ky,ny); lo_,uo=wil(ko,no); py=ky/ny; po=ko/no; d=py-po
    L=d-np.sqrt((py-ly)**2+(uo-po)**2); U=d+np.sqrt((uy-py)**2+(po-lo_)**2); return d,L,U
def sim(py,po,share_y,share_o,N0=2416,R=200000,maxp=4,fixed=None):
    ny0=rng.binomial(N0,share_y,R); no0=rng.binomial(N0,share_o,R)
    ky0=rng.binomial(ny0,py); ko0=rng.binomial(no0,po)
    if fixed is None:
        d0=ky0/ny0-ko0/no0; r=no0/ny0
        need=np.maximum(z*z*(q(ky0,ny0)+q(ko0,no0)/r)/np.maximum(dist(d0),1e-9)**2,229)
        runs=np.clip(np.ceil(need/(ny0/N0)/8)*8,N0,maxp*N0)
    else: runs=np.full(R,fixed)
    extra=(runs-N0).astype(int)
    ny1=rng.binomial(extra,share_y); no1=rng.binomial(extra,share_o)
    ny=ny0+ny1; no=no0+no1; ky=ky0+rng.binomial(ny1,py); ko=ko0+rng.binomial(no1,po)
    d,L,U=newc(ky,ny,ko,no)
    hold=L>m; fail=(L>-m)&(U<m)
    return hold.mean(), fail.mean(), runs.mean()
for label,(py,po) in {'d=m (0.26 vs 0.16)':(0.26,0.16),'d=0.09':(0.25,0.16),'d=0.145 (k4-like)':(0.716,0.571),'d=0.18':(0.51,0.33)}.items():
    h,f,r=sim(py,po,0.11,0.6)
    hf,ff,_=sim(py,po,0.11,0.6,fixed=r and round(r/8)*8)
    h4,f4,_=sim(py,po,0.11,0.6,fixed=4*2416)
    h1,f1,_=sim(py,po,0.11,0.6,fixed=2416)
    print(f"{label}: two-stage hold {h:.4f} fail {f:.4f} mean runs {r:.0f} | fixed same mean: hold {hf:.4f} | fixed 4 batches hold {h4:.4f} | pilot only hold {h1:.4f}")
print('fixed-design false fail at d=m:', sim(0.26,0.16,0.11,0.6,fixed=9400))
def ds(p,R=400000,N0=1488,fixed=None):
    k0=rng.binomial(N0,p,R)
    if fixed is None:
        q0=q(k0,N0); d=np.abs(k0/N0-0.05)
        need=np.maximum(z*z*q0/np.maximum(d,1e-9)**2,872)
        runs=np.clip(np.ceil(need/8)*8,N0,4*N0)
    else: runs=np.full(R,fixed)
    k=k0+rng.binomial((runs-N0).astype(int),p); lo,hi=wil(k,runs)
    return (hi<0.05).mean(),(lo>0.05).mean(),runs.mean()
for p in (0.05,0.0665,0.0316):
    a=ds(p); print('ds p',p,'two-stage below/above/mean runs',a,'fixed same mean',ds(p,fixed=round(a[2]/8)*8))
