using Borealis.Engine.Transactions;

namespace Borealis.Engine.Tests.Transactions;

public sealed class SequenceTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    [Fact]
    public async Task Values_are_never_handed_out_twice_across_reopens_and_explicit_values()
    {
        var volumeId = FleetFixture.NewVolumeId();
        var seen = new HashSet<ulong>();
        await using (var db = await Database.OpenAsync(await fixture.OpenVolumeAsync(volumeId), new DatabaseOptions { BufferPoolFrames = 32 }))
        {
            Assert.Equal(1UL, await db.NextSequenceValueAsync(7));
            Assert.Equal(2UL, await db.NextSequenceValueAsync(7));
            Assert.Equal(1UL, await db.NextSequenceValueAsync(8)); // sequences are independent
            seen.Add(1);
            seen.Add(2);
            await db.ObserveSequenceValueAsync(7, 5000);
            Assert.Equal(5001UL, await db.PeekSequenceValueAsync(7));
            await db.ObserveSequenceValueAsync(7, 10); // below: no effect
            Assert.Equal(5001UL, await db.NextSequenceValueAsync(7));
            seen.Add(5000);
            seen.Add(5001);
        }
        // A new writer (as after a crash) continues above everything handed out or observed.
        await using (var db = await Database.OpenAsync(await fixture.OpenVolumeAsync(volumeId), new DatabaseOptions { BufferPoolFrames = 32 }))
        {
            for (var i = 0; i < 2500; i++) Assert.True(seen.Add(await db.NextSequenceValueAsync(7)), "a value was handed out twice");
            Assert.True(await db.PeekSequenceValueAsync(8) > 1);
        }
        await using (var db = await Database.OpenAsync(await fixture.OpenVolumeAsync(volumeId), new DatabaseOptions { BufferPoolFrames = 32 }))
            Assert.True(seen.Add(await db.NextSequenceValueAsync(7)));
    }
}
