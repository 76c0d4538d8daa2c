(function(){
  var pinned=null;
  function group(el){
    var ids=[el.id].concat((el.dataset.links||'').split(' ').filter(Boolean));
    return ids.map(function(id){return document.getElementById(id);}).filter(Boolean);
  }
  function ribbons(el){
    return document.querySelectorAll('path.ribbon[data-sum="'+el.id+'"],path.ribbon[data-src="'+el.id+'"]');
  }
  function mark(el,cls,on){
    group(el).forEach(function(s){s.classList.toggle(cls,on);});
    ribbons(el).forEach(function(r){r.classList.toggle('hl',on);});
  }
  document.querySelectorAll('.s').forEach(function(el){
    el.addEventListener('mouseenter',function(){mark(el,'hl',true);});
    el.addEventListener('mouseleave',function(){mark(el,'hl',false);});
    el.addEventListener('click',function(){
      if(pinned){mark(pinned,'pinned',false);}
      if(pinned===el){pinned=null;return;}
      pinned=el;mark(el,'pinned',true);
      group(el).slice(1,2).forEach(function(p){p.scrollIntoView({block:'nearest'});});
    });
  });
  var filter=document.getElementById('min-confidence');
  if(filter){
    var apply=function(){
      var min=parseFloat(filter.value);
      filter.nextElementSibling.textContent=min.toFixed(2);
      document.querySelectorAll('li.finding').forEach(function(li){
        li.hidden=parseFloat(li.dataset.confidence)<min;
      });
    };
    filter.addEventListener('input',apply);
    var asked=/^#min-confidence=(0(?:\.[0-9]+)?|1(?:\.0+)?)$/.exec(location.hash);
    if(asked){filter.value=asked[1];apply();}
  }
  document.body.dataset.ready='1';
})();
