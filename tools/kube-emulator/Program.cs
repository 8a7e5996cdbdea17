Console.WriteLine("emu");
