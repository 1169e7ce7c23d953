namespace OrleansPricing.Training.Commands;

public static class SegmentCommand
{
    public const string Usage = "segment (not yet)";

    public static int Run(CommandLine args, TextWriter output) => throw new UsageException("segment: not yet");
}
