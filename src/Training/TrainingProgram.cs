using OrleansPricing.Pricing.Models;
using OrleansPricing.Training.Data;

namespace OrleansPricing.Training;

/// <summary>How a learning command ends: 0 when it ran, 2 with one line naming the problem when its input cannot be used.</summary>
public static class TrainingProgram
{
    public static int Run(TextWriter output, Action command)
    {
        try
        {
            command();
            return 0;
        }
        catch (Exception exception) when (exception is CsvFormatException or FileNotFoundException or DirectoryNotFoundException
            or InvalidModelException or InvalidOperationException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {exception.Message}");
            output.Flush();
            return 2;
        }
    }
}
