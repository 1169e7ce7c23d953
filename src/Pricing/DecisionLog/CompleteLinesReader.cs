namespace OrleansPricing.Pricing.DecisionLog;

/// <summary>
/// Another reader's text up to its last line end: a last line without one is left out. Why: a silo may be appending to
/// the file being read, and its last line may be a row still being written, which would otherwise parse as a shorter
/// row or, cut inside its last field, as a wrong value. Reading through this instead of the whole text as one string
/// keeps an hour's file from being held in memory at once (a string of twice its bytes, and a copy without its last line).
/// </summary>
internal sealed class CompleteLinesReader(TextReader inner) : TextReader
{
    private char[] _buffer = new char[64 * 1024];

    /// <summary>Text read and not yet returned: <c>_buffer[_start.._end)</c>, of which <c>[_start.._complete)</c> ends a line.</summary>
    private int _start, _complete, _end;

    private bool _exhausted;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (!HasCompleteText())
        {
            return 0;
        }

        var count = Math.Min(buffer.Length, _complete - _start);
        _buffer.AsSpan(_start, count).CopyTo(buffer);
        _start += count;
        return count;
    }

    public override int Peek() => HasCompleteText() ? _buffer[_start] : -1;

    /// <summary>Reads on until there is text that ends a line, or the inner reader ends (what is left then is dropped).</summary>
    private bool HasCompleteText()
    {
        while (_start == _complete && !_exhausted)
        {
            // What is left is a line not yet ended: keep it at the front, room after it (more, for a line longer than the buffer).
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            (_end, _start, _complete) = (_end - _start, 0, 0);
            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = inner.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _exhausted = true;
                break;
            }

            var lineEnd = _buffer.AsSpan(_end, read).LastIndexOf('\n');
            _end += read;
            if (lineEnd >= 0)
            {
                _complete = _end - read + lineEnd + 1;
            }
        }

        return _start < _complete;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
