// The public progress board's two charts (bot/Features/Board/BoardPage.cs). Every figure is also in the page as text;
// the charts are drawn from the JSON block the server wrote, with the echarts bundle the bot serves (/lib/echarts.js).
(function () {
  var block = document.getElementById('board-data');
  if (!block || typeof echarts === 'undefined') return;
  var data = JSON.parse(block.textContent);
  var text = { color: '#f3f6fb', fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", sans-serif' };
  var big = window.innerWidth > 1200;
  var fontSize = big ? 20 : 13;

  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) return;
    var c = echarts.init(el, null, { renderer: 'canvas' });
    c.setOption(option);
    window.addEventListener('resize', function () { c.resize(); });
  }

  chart('chart-lights', {
    animation: false,
    textStyle: text,
    title: { text: data.lightsTitle, left: 'center', textStyle: { color: text.color, fontSize: fontSize + 2 } },
    grid: { left: 60, right: 20, top: big ? 70 : 55, bottom: 40 },
    xAxis: { type: 'category', data: data.lights.map(function (l) { return l.name; }), axisLabel: { color: text.color, fontSize: fontSize } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: text.color, fontSize: fontSize - 2 }, splitLine: { lineStyle: { color: '#2b4c7a' } } },
    series: [{
      type: 'bar',
      data: data.lights.map(function (l) { return { value: l.value, itemStyle: { color: l.color } }; }),
      label: { show: true, position: 'top', color: text.color, fontSize: fontSize }
    }]
  });

  chart('chart-cases', {
    animation: false,
    textStyle: text,
    title: { text: data.casesTitle, left: 'center', textStyle: { color: text.color, fontSize: fontSize + 2 } },
    grid: { left: 60, right: 20, top: big ? 70 : 55, bottom: 40 },
    xAxis: { type: 'category', data: data.months, axisLabel: { color: text.color, fontSize: fontSize - 2 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: text.color, fontSize: fontSize - 2 }, splitLine: { lineStyle: { color: '#2b4c7a' } } },
    series: [{ type: 'bar', data: data.cases, itemStyle: { color: '#4f8fde' }, label: { show: true, position: 'top', color: text.color, fontSize: fontSize - 4 } }]
  });
})();

// A screen in the town hall has nobody to scroll it. On a wide screen whose page is taller than the screen, the page
// shows its top for a moment, scrolls slowly to the end, rests there and starts again from the top. Anyone who
// scrolls, clicks, touches or presses a key takes over for good (until the page's next refresh). Phones are left alone.
(function () {
  if (window.innerWidth <= 1200) return;
  var rest = 8000, firstLook = 3000, pixelsPerTick = 1, tick = 25; // 40 px a second
  var stopped = false;
  ['wheel', 'mousedown', 'touchstart', 'keydown'].forEach(function (type) {
    window.addEventListener(type, function () { stopped = true; document.body.removeAttribute('data-auto-scroll'); }, { passive: true });
  });
  function bottom() { return document.documentElement.scrollHeight - window.innerHeight; }
  function scrollDown() {
    if (stopped) return;
    if (bottom() <= 1) { setTimeout(scrollDown, rest); return; } // it fits: look again later (a refresh may add rows)
    document.body.setAttribute('data-auto-scroll', 'on');
    if (window.scrollY >= bottom() - 1) { setTimeout(toTop, rest); return; }
    window.scrollBy(0, pixelsPerTick);
    setTimeout(scrollDown, tick);
  }
  function toTop() {
    if (stopped) return;
    window.scrollTo(0, 0);
    setTimeout(scrollDown, rest);
  }
  setTimeout(scrollDown, firstLook);
})();
