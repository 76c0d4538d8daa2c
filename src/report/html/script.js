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
  // The filters: a finding shows when its severity is ticked, its rule chosen (or every
  // rule) and its confidence at least the slider's; each group counts what it shows.
  var confidence=document.getElementById('min-confidence');
  var rule=document.getElementById('rule');
  var severities=document.querySelectorAll('input[name="severity"]');
  function apply(){
    var min=parseFloat(confidence.value);
    confidence.nextElementSibling.textContent=min.toFixed(2);
    var ticked={};
    severities.forEach(function(box){ticked[box.value]=box.checked;});
    document.querySelectorAll('details.group').forEach(function(details){
      var items=details.querySelectorAll('li.finding'),shown=0;
      items.forEach(function(li){
        li.hidden=(rule.value!==''&&li.dataset.rule!==rule.value)||parseFloat(li.dataset.confidence)<min;
        if(!li.hidden){shown++;}
      });
      details.hidden=!ticked[details.dataset.severity]||shown===0;
      details.querySelector('.count').textContent=shown===items.length?String(shown):shown+' of '+items.length;
    });
  }
  if(confidence){
    confidence.addEventListener('input',apply);
    rule.addEventListener('change',apply);
    severities.forEach(function(box){box.addEventListener('change',apply);});
    // A link may set the filters: #severity=error,warning&rule=omission&min-confidence=0.8
    location.hash.slice(1).split('&').forEach(function(pair){
      var at=pair.indexOf('='),key=pair.slice(0,at),value;
      try{value=decodeURIComponent(pair.slice(at+1));}catch(e){return;}
      if(key==='min-confidence'&&/^(0(\.[0-9]+)?|1(\.0+)?)$/.test(value)){confidence.value=value;}
      if(key==='rule'){rule.value=value;if(rule.value!==value){rule.value='';}}
      if(key==='severity'){
        var asked=value.split(',');
        severities.forEach(function(box){box.checked=asked.indexOf(box.value)>=0;});
      }
    });
    apply();
  }
  // The copy buttons: each copies its finding's baseline entry.
  function copied(button,text){
    button.dataset.label=button.dataset.label||button.textContent;
    button.textContent=text;
    setTimeout(function(){button.textContent=button.dataset.label;},1500);
  }
  function copyBySelection(text){
    var area=document.createElement('textarea');
    area.value=text;
    document.body.appendChild(area);
    area.select();
    var done=document.execCommand('copy');
    area.remove();
    return done;
  }
  document.querySelectorAll('button.copy').forEach(function(button){
    button.addEventListener('click',function(){
      var entry=button.dataset.entry;
      var fallback=function(){copied(button,copyBySelection(entry)?'copied':'copy failed');};
      if(navigator.clipboard&&navigator.clipboard.writeText){
        navigator.clipboard.writeText(entry).then(function(){copied(button,'copied');},fallback);
      }else{
        fallback();
      }
    });
  });
  document.body.dataset.ready='1';
})();
