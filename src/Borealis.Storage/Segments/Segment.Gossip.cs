using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Wire;
using Microsoft.Extensions.Logging;

namespace Borealis.Storage.Segments;

public sealed partial class Segment
{
    /// <summary>
    /// Gossip: asks each peer how far it is complete, learns truncations it missed, and pulls
    /// the batches it lacks from the most complete peer. Runs on a timer, and at once when an
    /// append reveals a hole (several wake-ups in a row make one round).
    /// </summary>
    private async Task GossipRoundAsync(CancellationToken stop)
    {
        while (_gossipWake.CurrentCount > 0) await _gossipWake.WaitAsync(stop).ConfigureAwait(false);
        await GossipOnceAsync(stop).ConfigureAwait(false);
    }

    /// <summary>One gossip round; returns how many batches it pulled.</summary>
    public async Task<int> GossipOnceAsync(CancellationToken cancellationToken)
    {
        var peers = Peers();
        if (peers.Count == 0) return 0;
        var statusBody = new byte[SegmentAddress.Size];
        new SegmentAddress(Id).Write(statusBody);
        var replies = await Task.WhenAll(peers.Select(async p =>
        {
            var reply = await Channel(p).SendAsync(StorageMessageType.Status, statusBody, _options.PeerTimeout, cancellationToken).ConfigureAwait(false);
            return (Peer: p, Reply: reply);
        })).ConfigureAwait(false);

        NodeAddress? best = null;
        var bestScl = Lsn.Zero;
        foreach (var (peer, reply) in replies)
        {
            using (reply)
            {
                if (!reply.IsOk || !SegmentStatus.TryRead(reply.Payload.Span, out var status)) continue;
                lock (_metaSaveGate)
                lock (_gate)
                {
                    _peerScl[peer] = reply.Scl;
                    if (status.History.NewestEpoch >= _meta.Epoch && status.History != _meta.History) Adopt(status.History);
                    if (reply.Epoch < _meta.Epoch) continue; // a stale peer's chain may hold voided batches
                }
                if (reply.Scl > bestScl) { bestScl = reply.Scl; best = peer; }
            }
        }
        Lsn mine;
        lock (_gate) mine = _receivedScl;
        if (best is null || bestScl <= mine) return 0;
        return await PullAsync(best.Value, bestScl, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches batches from a peer until this segment's chain reaches <paramref name="target"/> or the peer has no more.</summary>
    private async Task<int> PullAsync(NodeAddress peer, Lsn target, CancellationToken cancellationToken)
    {
        var pulled = 0;
        var body = new byte[FetchRequest.Size];
        while (!cancellationToken.IsCancellationRequested)
        {
            Lsn after;
            lock (_gate) after = _receivedScl;
            if (after >= target) break;
            new FetchRequest(Id, after, _options.FetchBytes).Write(body);
            using var reply = await Channel(peer).SendAsync(StorageMessageType.Fetch, body, _options.PeerTimeout, cancellationToken).ConfigureAwait(false);
            if (!reply.IsOk)
            {
                if (reply.Status != ReplyStatus.Unreachable)
                    _log.LogWarning("segment {Segment}: fetch after {After} from {Peer} failed: {Reply}", Id, after, peer, reply);
                break;
            }
            if (reply.Payload.IsEmpty) break;
            var (count, ticket, scl, generation) = AcceptFetched(reply.Payload.Span, reply.Epoch);
            if (count == 0) break;
            pulled += count;
            await _segmentLog.WaitDurableAsync(ticket).ConfigureAwait(false);
            MarkDurable(scl, generation);
        }
        if (pulled > 0) _log.LogInformation("segment {Segment}: gossip pulled {Count} batches from {Peer}; scl {Scl}", Id, pulled, peer, DurableScl);
        return pulled;
    }

    private (int Count, long Ticket, Lsn Scl, int Generation) AcceptFetched(ReadOnlySpan<byte> payload, Epoch peerEpoch)
    {
        var count = 0;
        lock (_gate)
        {
            if (peerEpoch < _meta.Epoch) return (0, 0, _receivedScl, _generation);
            while (!payload.IsEmpty)
            {
                if (!RedoBatchHeader.TryRead(payload, out var header) || header.Length > payload.Length) break;
                var batch = payload[..header.Length];
                if (!RedoBatchHeader.TryValidate(batch, out _) || header.Volume != Id.Volume || header.Group != Id.Group)
                {
                    _log.LogWarning("segment {Segment}: peer sent a batch that fails its checks; ignored", Id);
                    break;
                }
                var before = _receivedScl;
                AddEntry(batch, header, wakeGossipOnHole: false);
                if (_receivedScl > before) count++;
                payload = payload[header.Length..];
            }
            return (count, _segmentLog.WrittenTicket, _receivedScl, _generation);
        }
    }

    private List<NodeAddress> Peers()
    {
        lock (_gate) return [.. _meta.Members.Where(m => m != _self && !(m.Host == _self.Host && m.Port == _self.Port))];
    }

    private IStorageChannel Channel(NodeAddress peer)
    {
        lock (_peerChannels)
        {
            if (!_peerChannels.TryGetValue(peer, out var channel))
            {
                channel = _transport.Open(peer);
                _peerChannels[peer] = channel;
            }
            return channel;
        }
    }

    /// <summary>Replaces the group's member list (a membership change).</summary>
    public void SetMembers(IReadOnlyList<NodeAddress> members)
    {
        lock (_metaSaveGate)
        lock (_gate)
        {
            if (members.SequenceEqual(_meta.Members)) return;
            _meta = _meta with { Members = [.. members] };
            _meta.Save(_directory);
            // A replaced peer's last known SCL would hold log collection back for ever.
            foreach (var gone in _peerScl.Keys.Where(p => !members.Contains(p)).ToList()) _peerScl.Remove(gone);
        }
        _gossipWake.Release();
    }
}
