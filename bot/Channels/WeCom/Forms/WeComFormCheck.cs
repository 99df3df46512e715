namespace ChatBot.Bot.Channels.WeCom.Forms;

internal enum WeComFormCheck { Valid, Malformed, Forged, Expired, Used }
