using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Borealis.MySql;

/// <summary>
/// The server certificate for CLIENT_SSL: loaded from a configured PKCS#12 file, or generated
/// self-signed on first start and kept under the data dir (as mysqld's auto_generate_certs does)
/// so restarts present the same certificate.
/// </summary>
public static class TlsCertificate
{
    public const string DefaultFileName = "mysql-tls.pfx";

    public static X509Certificate2 LoadOrCreate(string dataDirectory, string? certificatePath = null, string? password = null)
    {
        var path = certificatePath ?? Path.Combine(dataDirectory, DefaultFileName);
        if (File.Exists(path)) return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        if (certificatePath is not null) throw new FileNotFoundException("The configured MySQL TLS certificate does not exist", path);
        Directory.CreateDirectory(dataDirectory);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Borealis_Auto_Generated_Server_Certificate", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        var pfx = created.Export(X509ContentType.Pkcs12, password);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, pfx);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
        return X509CertificateLoader.LoadPkcs12(pfx, password);
    }
}
