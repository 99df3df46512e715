using System.Security.Cryptography;
using System.Text;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.WeCom.Forms;

internal enum WeComFormCheck { Valid, Malformed, Forged, Expired, Used }
