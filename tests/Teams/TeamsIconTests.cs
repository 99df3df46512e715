using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ChatBot.Bot.Channels.Teams;

namespace ChatBot.Tests.Teams;

public class TeamsIconTests
{
    private static byte[] IconFromPackage(string name)
    {
        var package = TeamsAppPackage.Build(TeamsTestPaths.ManifestDir, TeamsTestPaths.AppId, TeamsTestPaths.BotDomain, TeamsTestPaths.Version);
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var s = zip.GetEntry(name)!.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    [Theory]
    [InlineData("color.png", 192)]
    [InlineData("outline.png", 32)]
    public void Icon_size_in_the_IHDR_header(string name, int size)
    {
        var (width, height, _, _) = PngImage.ReadHeader(IconFromPackage(name));

        Assert.Equal(size, width);
        Assert.Equal(size, height);
    }

    [Fact]
    public void Outline_icon_is_white_on_a_transparent_background()
    {
        var png = PngImage.Decode(IconFromPackage("outline.png"));

        Assert.True(png.HasAlpha, $"outline icon must have an alpha channel (colour type {png.ColorType})");
        int transparent = 0, white = 0;
        for (var y = 0; y < png.Height; y++)
        for (var x = 0; x < png.Width; x++)
        {
            var (r, g, b, a) = png.GetPixel(x, y);
            if (a == 0) { transparent++; continue; }
            Assert.True(r == 255 && g == 255 && b == 255, $"pixel ({x},{y}) is ({r},{g},{b},{a}); only white or fully transparent pixels are allowed");
            white++;
        }
        Assert.True(white > 32 * 32 / 10, $"outline icon has too little drawing ({white} white pixels)");
        Assert.True(transparent > 32 * 32 / 2, $"outline icon background is not transparent ({transparent} transparent pixels)");
        // the border must be transparent: Teams puts the icon on its own background
        for (var i = 0; i < png.Width; i++)
        {
            Assert.Equal(0, png.GetPixel(i, 0).A);
            Assert.Equal(0, png.GetPixel(0, i).A);
        }
    }

    [Fact]
    public void Color_icon_is_full_colour_and_opaque()
    {
        var png = PngImage.Decode(IconFromPackage("color.png"));

        var colours = new HashSet<(byte, byte, byte)>();
        for (var y = 0; y < png.Height; y++)
        for (var x = 0; x < png.Width; x++)
        {
            var (r, g, b, a) = png.GetPixel(x, y);
            Assert.Equal(255, a);
            colours.Add((r, g, b));
        }
        Assert.True(colours.Count >= 2, "colour icon is a single flat colour");
        Assert.Contains(colours, c => c.Item1 != c.Item2 || c.Item2 != c.Item3); // not greyscale only
    }

    /// <summary>The decoder must undo every PNG filter type, or the pixel checks above prove nothing.</summary>
    [Fact]
    public void Png_decoder_reverses_filter_types_0_to_4()
    {
        const int width = 4, height = 5, bpp = 4;
        var rng = new Random(42);
        var pixels = new byte[height][];
        for (var y = 0; y < height; y++)
        {
            pixels[y] = new byte[width * bpp];
            rng.NextBytes(pixels[y]);
        }

        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            var filter = (byte)y; // rows use filters 0,1,2,3,4
            raw.WriteByte(filter);
            for (var x = 0; x < width * bpp; x++)
            {
                int a = x >= bpp ? pixels[y][x - bpp] : 0;
                int b = y > 0 ? pixels[y - 1][x] : 0;
                int c = x >= bpp && y > 0 ? pixels[y - 1][x - bpp] : 0;
                int predictor = filter switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, _ => Paeth(a, b, c) };
                raw.WriteByte((byte)(pixels[y][x] - predictor));
            }
        }

        var png = Encode(width, height, raw.ToArray());
        var decoded = PngImage.Decode(png);

        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var p = pixels[y].AsSpan(x * bpp, bpp);
            Assert.Equal((p[0], p[1], p[2], p[3]), decoded.GetPixel(x, y));
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] Encode(int width, int height, byte[] filteredRows)
    {
        var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;  // bit depth
        ihdr[9] = 6;  // RGBA
        WriteChunk(output, "IHDR", ihdr);
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            z.Write(filteredRows);
        WriteChunk(output, "IDAT", compressed.ToArray());
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        s.Write(Encoding.ASCII.GetBytes(type));
        s.Write(data);
        s.Write(new byte[4]); // CRC is not checked by the decoder
    }
}
