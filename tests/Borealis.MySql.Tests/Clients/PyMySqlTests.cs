using Borealis.MySql.Tests.Harness;

namespace Borealis.MySql.Tests.Clients;

/// <summary>Debian's python3-pymysql (text protocol, EOF packets: it does not ask for CLIENT_DEPRECATE_EOF).</summary>
public sealed class PyMySqlTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Script = """
import sys, pymysql
from pymysql.constants import CLIENT
port = int(sys.argv[1])
def connect(user, password, tls):
    return pymysql.connect(host="127.0.0.1", port=port, user=user, password=password, database="shop",
                           ssl={"check_hostname": False} if tls else None, client_flag=CLIENT.MULTI_STATEMENTS)
c = connect("native", "native-pass", False)
cur = c.cursor()
cur.execute("select types")
rows = cur.fetchall()
print("types", repr(rows[0][:10]), rows[0][13], rows[0][15], rows[0][16] == bytes(range(256)), all(v is None for v in rows[1]))
cur.execute("select database()")
print("database", cur.fetchone()[0])
cur.execute("SELECT 1; insert; SELECT 2")
first = cur.fetchall()
cur.nextset()
affected = cur.rowcount
cur.nextset()
print("multi", first[0][0], affected, cur.fetchall()[0][0])
try:
    cur.execute("select missing")
except pymysql.err.ProgrammingError as e:
    print("error", e.args[0], e.args[1])
cur.execute("select rows 1000")
print("rows", len(cur.fetchall()))
c.ping()
c.close()
t = connect("pysha", "pysha-pass", True)
cur = t.cursor()
cur.execute("select current_user()")
print("sha", cur.fetchone()[0])
cur.execute("select ssl()")
print("tls", cur.fetchone()[0])
t.close()
try:
    connect("native", "wrong", False)
except pymysql.err.OperationalError as e:
    print("denied", e.args[0], e.args[1])
""";

    [PyMySqlFact]
    public async Task Queries_types_multi_results_errors_tls_and_auth()
    {
        var python = ClientTools.PythonWithPyMySql()!;
        var (exit, stdout, stderr) = await ClientTools.RunAsync(python, ["-c", Script, fixture.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.True(exit == 0, stderr + stdout);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("types (-5, 200, -30000, -8000000, -2000000000, -9000000000000000000, 18000000000000000000, 1.5, 3.141592653589793, Decimal('12345.678')) -35 days, 1:00:01 héllo wörld True True", lines[0]);
        Assert.Equal("database shop", lines[1]);
        Assert.Equal("multi 1 1 2", lines[2]);
        Assert.Equal("error 1146 Table 'shop.missing' doesn't exist", lines[3]);
        Assert.Equal("rows 1000", lines[4]);
        Assert.Equal("sha pysha@%", lines[5]);
        Assert.Equal("tls yes", lines[6]);
        Assert.Equal("denied 1045 Access denied for user 'native'@'localhost' (using password: YES)", lines[7]);
    }
}
