/*
 * Lookout tracker. A site needs one tag:
 *   <script async src="https://HOST/lookout.js" data-site="SITE_KEY"></script>
 * To call the API before this file has loaded, put this stub first; the queued calls are replayed in order:
 *   <script>window.lookout = window.lookout || function(){(window.lookout.q = window.lookout.q || []).push(arguments)}</script>
 * API: lookout('identify', {email, name, company, phone}), lookout('event', name, {key: string|number|boolean}),
 *      lookout('consent', true|false), lookout('pageview').
 * Attributes: data-dnt="ignore" tracks even under Do Not Track / Global Privacy Control; data-consent="required"
 *   stores and sends nothing until lookout('consent', true) (not remembered: the site's consent tool calls it on
 *   every page); data-heartbeat="ms" is a test hook (minimum 100, default 15000).
 * Wire: POST {origin of this script}/collect, a JSON body sent as text/plain (no CORS preflight):
 *   {site, visitor, sentAt, events: [{type: pageview|heartbeat|leave|identify|event, ts, ...}]}
 */
(() => {
  const W = window, D = document, N = navigator, H = history
  const ID = 'lookout_vid'
  const ABC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  // The server refuses more than 50 events or 64 KB per body; 64000 bytes fits either reading of "KB".
  const BATCH = 50, SOON = 20, BYTES = 64000, WAIT = 1000
  // Nothing the tracker does may throw into the host page.
  const safe = f => function () { try { return f.apply(this, arguments) } catch (e) {} }
  const on = (target, type, f) => target.addEventListener(type, safe(f))
  const rnd = n => { let s = ''; for (const b of crypto.getRandomValues(new Uint8Array(n))) s += ABC[b & 63]; return s }
  // Whole characters only: a cut never leaves half a surrogate pair for the server's JSON reader to reject.
  const cut = (v, max) => {
    let s = String(v)
    if (s.toWellFormed) s = s.toWellFormed()
    s = s.slice(0, max)
    return /[\ud800-\udbff]$/.test(s) ? s.slice(0, -1) : s
  }
  const bytes = s => new Blob([s]).size

  try {
    const stub = W.lookout
    if (stub && stub.ready) return
    let run = () => {}
    const api = W.lookout = safe((...args) => run(...args))
    api.ready = 1

    let me = D.currentScript
    if (!me || !me.dataset.site) me = [].find.call(D.querySelectorAll('script[data-site]'), s => /\/lookout\.js([?#]|$)/.test(s.src))
    const opt = me ? me.dataset : {}
    const dnt = N.doNotTrack === '1' || N.globalPrivacyControl === true
    if (!opt.site || dnt && opt.dnt !== 'ignore') return

    const collect = new URL(me.src).origin + '/collect'
    const every = Math.max(100, +opt.heartbeat || 15000)
    let allowed = opt.consent !== 'required'
    let queue = [], timer = 0, beat = 0, inflight = 0, visitor = '', pageId = '', last = D.referrer

    const readId = () => {
      let v
      try { v = localStorage.getItem(ID) } catch (e) {}
      v = v || (D.cookie.match(/(?:^|;\s*)lookout_vid=([\w-]+)/) || [])[1]
      return /^[\w-]{22,64}$/.test(v) ? v : rnd(22)
    }
    const keepId = () => {
      try { return localStorage.setItem(ID, visitor) } catch (e) {}
      D.cookie = ID + '=' + visitor + ';max-age=63072000;path=/;SameSite=Lax' + (location.protocol === 'https:' ? ';Secure' : '')
    }
    const forgetId = () => {
      try { localStorage.removeItem(ID) } catch (e) {}
      D.cookie = ID + '=;max-age=0;path=/;SameSite=Lax'
    }

    // The browser refuses keepalive requests beyond 64 KB in flight at once; past that, send without keepalive.
    const send = (body, beacon) => {
      if (beacon && N.sendBeacon && N.sendBeacon(collect, body)) return
      const size = bytes(body), keepalive = inflight + size <= BYTES
      if (keepalive) inflight += size
      fetch(collect, {
        method: 'POST', body, keepalive, credentials: 'omit', mode: 'cors',
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      }).catch(() => {}).then(() => { if (keepalive) inflight -= size })
    }
    const flush = beacon => {
      clearTimeout(timer)
      timer = 0
      if (!allowed || !queue.length || D.prerendering) return
      const head = '{"site":' + JSON.stringify(opt.site) + ',"visitor":"' + visitor + '","sentAt":' + Date.now() + ',"events":['
      const room = BYTES - bytes(head) - 2
      let part = [], used = 0
      const out = () => { if (part.length) send(head + part.join() + ']}', beacon); part = []; used = 0 }
      for (const e of queue.splice(0)) {
        // Apps often set the title just after pushState: take it as late as possible.
        if (e.type === 'pageview' && e.pageId === pageId) e.title = cut(D.title, 512)
        const json = JSON.stringify(e), size = bytes(json) + 1
        if (part.length === BATCH || used + size > room) out()
        part.push(json)
        used += size
      }
      out()
    }
    const push = (e, first) => {
      e.ts = Date.now()
      if (queue.length < 500) first ? queue.unshift(e) : queue.push(e)
      if (allowed && queue.length >= SOON) flush()
      else if (allowed && !timer) timer = setTimeout(safe(flush), WAIT)
    }

    const pulse = () => {
      clearInterval(beat)
      beat = 0
      if (allowed && pageId && D.visibilityState === 'visible') beat = setInterval(safe(() => push({ type: 'heartbeat', pageId })), every)
    }
    const pageview = first => {
      pageId = rnd(16)
      push({ type: 'pageview', pageId, url: cut(location.href, 2048), title: cut(D.title, 512), referrer: cut(last, 2048) }, first)
      last = location.href
      pulse()
    }
    // The page view goes first so that anything held while waiting for consent belongs to it.
    const begin = () => {
      if (!allowed || pageId || D.prerendering) return
      visitor = readId()
      keepId()
      pageview(true)
    }
    const nav = safe(() => { if (allowed && pageId && location.href !== last) pageview() })

    const consent = yes => {
      if (yes === true) {
        allowed = true
        begin()
      } else if (yes === false) {
        allowed = false
        queue = []
        clearTimeout(timer)
        timer = 0
        pageId = visitor = ''
        pulse()
        forgetId()
      }
    }
    const identify = who => {
      const e = { type: 'identify' }
      let any = 0
      for (const k of ['email', 'name', 'company', 'phone']) {
        const v = who[k]
        if (v !== '' && (typeof v === 'string' || typeof v === 'number')) {
          e[k] = cut(v, 256)
          any = 1
        }
      }
      if (any) push(e)
    }
    const custom = (name, props) => {
      const kept = {}
      let n = 0
      for (const k of Object.keys(props)) {
        const v = props[k], t = typeof v
        if (n < 20 && (t === 'string' || t === 'boolean' || t === 'number' && isFinite(v))) {
          kept[cut(k, 100)] = t === 'string' ? cut(v, 256) : v
          n++
        }
      }
      push({ type: 'event', name: cut(name, 100), props: kept })
    }
    run = (command, a, b) => {
      if (command === 'consent') consent(a)
      else if (command === 'pageview') pageId ? pageview() : begin()
      else if (command === 'identify' && a && typeof a === 'object') identify(a)
      else if (command === 'event' && a && typeof a === 'string') custom(a, b && typeof b === 'object' ? b : {})
    }

    for (const k of ['pushState', 'replaceState']) {
      const original = H[k]
      H[k] = function () {
        const result = original.apply(this, arguments)
        nav()
        return result
      }
    }
    on(W, 'popstate', nav)
    on(D, 'visibilitychange', () => {
      if (D.visibilityState === 'hidden') flush(true)
      pulse()
    })
    on(W, 'pagehide', () => {
      if (allowed && pageId) push({ type: 'leave', pageId })
      pageId = ''
      pulse()
      flush(true)
    })
    // Back from the back/forward cache: the visitor is on the page again.
    on(W, 'pageshow', e => {
      if (e.persisted && allowed && !pageId) {
        last = D.referrer
        pageview()
      }
    })
    // A prerendered page only counts once the visitor actually opens it.
    on(D, 'prerenderingchange', begin)

    begin()
    for (const args of (stub && stub.q) || []) api.apply(null, args)
  } catch (e) {}
})()
